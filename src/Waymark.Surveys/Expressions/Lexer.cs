namespace Waymark.Surveys.Expressions;

internal enum TokenKind
{
    Number,
    String,
    Reference,
    Dot,
    DotDot,
    Name,
    Operator,
    LeftParen,
    RightParen,
    Comma,
    End,
}

/// <summary>One token and where it starts (0-based character offset in the expression).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position);

/// <summary>Splits an XLSForm expression into tokens; an unexpected character is an error at its position.</summary>
internal static class Lexer
{
    public static Result<List<Token>> Tokenize(string source)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (c == '$')
            {
                if (i + 1 >= source.Length || source[i + 1] != '{')
                {
                    return Fail(start, "'$' must start a reference like ${name}");
                }

                var close = source.IndexOf('}', i + 2);
                if (close < 0)
                {
                    return Fail(start, "reference '${' is not closed with '}'");
                }

                var name = source[(i + 2)..close].Trim();
                if (!Names.IsValid(name))
                {
                    return Fail(start, $"'{name}' is not a valid question name in a reference");
                }

                tokens.Add(new Token(TokenKind.Reference, name, start));
                i = close + 1;
            }
            else if (c is '\'' or '"')
            {
                var close = source.IndexOf(c, i + 1);
                if (close < 0)
                {
                    return Fail(start, "string is not closed");
                }

                tokens.Add(new Token(TokenKind.String, source[(i + 1)..close], start));
                i = close + 1;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < source.Length && char.IsAsciiDigit(source[i + 1])))
            {
                while (i < source.Length && char.IsAsciiDigit(source[i]))
                {
                    i++;
                }

                if (i < source.Length && source[i] == '.')
                {
                    i++;
                    while (i < source.Length && char.IsAsciiDigit(source[i]))
                    {
                        i++;
                    }
                }

                tokens.Add(new Token(TokenKind.Number, source[start..i], start));
            }
            else if (c == '.')
            {
                if (i + 1 < source.Length && source[i + 1] == '.')
                {
                    // Only position(..) takes it (the parser says so anywhere else).
                    tokens.Add(new Token(TokenKind.DotDot, "..", start));
                    i += 2;
                    continue;
                }

                tokens.Add(new Token(TokenKind.Dot, ".", start));
                i++;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] is '_' or '-' or '.' or ':'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Name, source[start..i], start));
            }
            else
            {
                var two = i + 1 < source.Length ? source.Substring(i, 2) : string.Empty;
                if (two is "!=" or "<=" or ">=")
                {
                    tokens.Add(new Token(TokenKind.Operator, two, start));
                    i += 2;
                    continue;
                }

                switch (c)
                {
                    case '+' or '-' or '*' or '=' or '<' or '>':
                        tokens.Add(new Token(TokenKind.Operator, c.ToString(), start));
                        break;
                    case '(':
                        tokens.Add(new Token(TokenKind.LeftParen, "(", start));
                        break;
                    case ')':
                        tokens.Add(new Token(TokenKind.RightParen, ")", start));
                        break;
                    case ',':
                        tokens.Add(new Token(TokenKind.Comma, ",", start));
                        break;
                    case '/':
                        return Fail(start, "paths with '/' are not supported; refer to questions as ${name}");
                    case '[' or ']':
                        return Fail(start, "predicates '[...]' are not supported");
                    case '|':
                        return Fail(start, "the union operator '|' is not supported");
                    default:
                        return Fail(start, $"unexpected character '{c}'");
                }

                i++;
            }
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, source.Length));
        return Result.Ok(tokens);
    }

    private static Result<List<Token>> Fail(int position, string message) =>
        Result.Fail<List<Token>>(Parser.Located(position, message));
}
