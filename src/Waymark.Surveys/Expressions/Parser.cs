using System.Globalization;
using System.Text.RegularExpressions;

namespace Waymark.Surveys.Expressions;

/// <summary>
/// Recursive-descent parser for the XPath subset XLSForms use. Precedence as XPath 1.0:
/// or &lt; and &lt; (= !=) &lt; (&lt; &lt;= &gt; &gt;=) &lt; (+ -) &lt; (* div mod) &lt; unary minus.
/// </summary>
internal sealed class Parser
{
    /// <summary>Deep nesting is refused rather than risking the stack on hostile input.</summary>
    private const int MaxDepth = 64;

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    private readonly List<Token> _tokens;
    private readonly bool _allowChoiceColumns;
    private int _next;
    private int _depth;

    private Parser(List<Token> tokens, bool allowChoiceColumns)
    {
        _tokens = tokens;
        _allowChoiceColumns = allowChoiceColumns;
    }

    public static Result<Node> Parse(string source, bool allowChoiceColumns)
    {
        if (source.Length > 10_000)
        {
            return Result.Fail<Node>(Located(0, "expression is longer than 10000 characters"));
        }

        var tokens = Lexer.Tokenize(source);
        if (!tokens.IsSuccess)
        {
            return Result.Fail<Node>(tokens.Problem!);
        }

        var parser = new Parser(tokens.Value!, allowChoiceColumns);
        try
        {
            var node = parser.Or();
            var end = parser.Peek;
            return end.Kind == TokenKind.End
                ? Result.Ok(node)
                : Result.Fail<Node>(Located(end.Position, $"unexpected '{end.Text}' after a complete expression"));
        }
        catch (SyntaxException e)
        {
            return Result.Fail<Node>(e.Problem);
        }
    }

    /// <summary>A problem at a 0-based character <paramref name="position"/> of the expression; its column is that character, 1-based.</summary>
    internal static Problem Located(int position, string message) =>
        new("expression", 0, (position + 1).ToString(CultureInfo.InvariantCulture), message);

    private Token Peek => _tokens[_next];

    private Node Or() => LeftAssociative(And, "or");

    private Node And() => LeftAssociative(Equality, "and");

    private Node Equality() => LeftAssociative(Relational, "=", "!=");

    private Node Relational() => LeftAssociative(Additive, "<", "<=", ">", ">=");

    private Node Additive() => LeftAssociative(Multiplicative, "+", "-");

    private Node Multiplicative() => LeftAssociative(UnaryMinus, "*", "div", "mod");

    private Node LeftAssociative(Func<Node> operand, params string[] operators)
    {
        Enter();
        var left = operand();
        while (IsOperator(Peek, operators))
        {
            var op = _tokens[_next++];
            left = new Binary(op.Text, left, operand(), op.Position);
        }

        _depth--;
        return left;
    }

    private static bool IsOperator(Token token, string[] operators) =>
        token.Kind is TokenKind.Operator or TokenKind.Name && Array.IndexOf(operators, token.Text) >= 0;

    private Node UnaryMinus()
    {
        if (Peek is { Kind: TokenKind.Operator, Text: "-" })
        {
            var minus = _tokens[_next++];
            Enter();
            var operand = UnaryMinus();
            _depth--;
            return new Unary(operand, minus.Position);
        }

        return Primary();
    }

    private Node Primary()
    {
        var token = _tokens[_next++];
        switch (token.Kind)
        {
            case TokenKind.Number:
                return new Literal(XValue.FromNumber(double.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture)), token.Position);
            case TokenKind.String:
                return new Literal(XValue.FromString(token.Text), token.Position);
            case TokenKind.Reference:
                return new Reference(token.Text, token.Position);
            case TokenKind.Dot:
                return new Current(token.Position);
            case TokenKind.LeftParen:
                Enter();
                var inner = Or();
                _depth--;
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.Name when Peek.Kind == TokenKind.LeftParen:
                return FunctionCall(token);
            case TokenKind.Name when _allowChoiceColumns:
                return new ChoiceColumn(token.Text, token.Position);
            case TokenKind.Name:
                throw new SyntaxException(token.Position, $"bare name '{token.Text}': refer to a question as ${{{token.Text}}}");
            case TokenKind.DotDot:
                throw new SyntaxException(token.Position, "'..' (parent paths) is not supported except in position(..); use ${name}");
            case TokenKind.End:
                throw new SyntaxException(token.Position, "expression ends too early");
            default:
                throw new SyntaxException(token.Position, $"unexpected '{token.Text}'");
        }
    }

    private Call FunctionCall(Token name)
    {
        if (!Functions.Arity.TryGetValue(name.Text, out var arity))
        {
            throw new SyntaxException(name.Position, Functions.Refused.TryGetValue(name.Text, out var reason)
                ? $"function '{name.Text}()' is not supported ({reason})"
                : $"function '{name.Text}()' is not supported");
        }

        _next++; // '('
        if (name.Text == "position")
        {
            // position(..): the number of the repeat instance being evaluated, the one form ODK forms use.
            Expect(TokenKind.DotDot, "'..' (position(..) numbers the instance of the repeat it is in)");
            Expect(TokenKind.RightParen, "')'");
            return new Call(name.Text, [], name.Position);
        }

        var arguments = new List<Node>();
        if (Peek.Kind != TokenKind.RightParen)
        {
            Enter();
            arguments.Add(Or());
            while (Peek.Kind == TokenKind.Comma)
            {
                _next++;
                arguments.Add(Or());
            }

            _depth--;
        }

        Expect(TokenKind.RightParen, "')' or ','");
        if (arguments.Count < arity.Min || (arity.Max >= 0 && arguments.Count > arity.Max))
        {
            var expected = arity.Min == arity.Max ? $"{arity.Min}" : arity.Max < 0 ? $"at least {arity.Min}" : $"{arity.Min} to {arity.Max}";
            throw new SyntaxException(name.Position, $"{name.Text}() takes {expected} argument(s), not {arguments.Count}");
        }

        Regex? regex = null;
        if (name.Text == "regex" && arguments[1] is Literal { Value.Kind: XValueKind.Text } pattern)
        {
            regex = CompileRegex(pattern.Value.AsString(), pattern.Position);
        }

        if (name.Text is "count" or "indexed-repeat" && arguments.Take(name.Text == "count" ? 1 : 2).FirstOrDefault(a => a is not Reference) is { } notReference)
        {
            throw new SyntaxException(notReference.Position, name.Text == "count"
                ? "count() takes a repeat or a question of a repeat, e.g. count(${repeat})"
                : "indexed-repeat() takes a question of a repeat and the repeat, e.g. indexed-repeat(${q}, ${repeat}, 2)");
        }

        string? choiceQuestion = null;
        if (name.Text == "jr:choice-name")
        {
            choiceQuestion = arguments[1] is Literal { Value.Kind: XValueKind.Text } target && QuotedReference(target.Value.AsString()) is { } question
                ? question
                : throw new SyntaxException(arguments[1].Position, "jr:choice-name() takes the select question as a quoted reference, e.g. jr:choice-name(${q}, '${q}')");
        }

        return new Call(name.Text, arguments, name.Position) { LiteralRegex = regex, ChoiceQuestion = choiceQuestion };
    }

    /// <summary>The question named by a string literal such as <c>'${q}'</c> (pyxform turns it into the question's path).</summary>
    private static string? QuotedReference(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("${", StringComparison.Ordinal) || !trimmed.EndsWith('}'))
        {
            return null;
        }

        var name = trimmed[2..^1].Trim();
        return Names.IsValid(name) ? name : null;
    }

    /// <summary>Non-backtracking matching so that a hostile pattern cannot hang the server.</summary>
    public static Regex CompileRegex(string pattern, int position)
    {
        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw new SyntaxException(position, "invalid regular expression: " + e.Message);
        }
        catch (NotSupportedException e)
        {
            throw new SyntaxException(position, "unsupported regular expression: " + e.Message);
        }
    }

    private void Expect(TokenKind kind, string what)
    {
        var token = Peek;
        if (token.Kind != kind)
        {
            throw new SyntaxException(token.Position, token.Kind == TokenKind.End ? $"expected {what} before the end" : $"expected {what}, found '{token.Text}'");
        }

        _next++;
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw new SyntaxException(Peek.Position, $"expression nests deeper than {MaxDepth} levels");
        }
    }

    /// <summary>Unwinds the recursive descent to <see cref="Parse"/>, which turns it into a result.</summary>
    private sealed class SyntaxException(int position, string message) : Exception(message)
    {
        public Problem Problem { get; } = Located(position, message);
    }
}
