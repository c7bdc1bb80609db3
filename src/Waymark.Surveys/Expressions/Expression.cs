namespace Waymark.Surveys.Expressions;

/// <summary>
/// A parsed XLSForm expression (the XPath subset of docs/surveys.md). Parse once at import, evaluate per page.
/// </summary>
public sealed class Expression
{
    private readonly Node _root;

    private Expression(string source, Node root)
    {
        Source = source;
        _root = root;
        References = CollectReferences(root);
        var choiceQuestions = new List<string>();
        Visit(root, n =>
        {
            if (n is Call { ChoiceQuestion: { } question } && !choiceQuestions.Contains(question))
            {
                choiceQuestions.Add(question);
            }
        });
        ChoiceLabelQuestions = choiceQuestions;
    }

    /// <summary>The expression text as written in the form.</summary>
    public string Source { get; }

    /// <summary>The question names this expression reads with <c>${name}</c>, in order of first use.</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>The select questions whose choice labels the expression reads with <c>jr:choice-name(value, '${q}')</c>.</summary>
    public IReadOnlyList<string> ChoiceLabelQuestions { get; }

    /// <summary>True when the expression uses <c>.</c> (the current answer).</summary>
    public bool UsesCurrent => Contains(_root, n => n is Current);

    /// <summary>Parses; <paramref name="allowChoiceColumns"/> admits bare names (choice_filter only).</summary>
    public static bool TryParse(string source, bool allowChoiceColumns, out Expression? expression, out Problem? error)
    {
        ArgumentNullException.ThrowIfNull(source);
        var result = Parser.Parse(source, allowChoiceColumns);
        expression = result.IsSuccess ? new Expression(source, result.Value!) : null;
        error = result.Problem;
        return result.IsSuccess;
    }

    /// <summary>Parses an expression that is known to be valid (tests, built-in rules); throws on a bug.</summary>
    public static Expression Parse(string source, bool allowChoiceColumns = false) =>
        TryParse(source, allowChoiceColumns, out var expression, out var error)
            ? expression!
            : throw new ArgumentException($"invalid expression '{source}' {error}", nameof(source));

    public XValue Evaluate(IEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Evaluator.Evaluate(_root, context);
    }

    public bool EvaluateBoolean(IEvaluationContext context) => Evaluate(context).AsBoolean();

    public override string ToString() => Source;

    private static List<string> CollectReferences(Node root)
    {
        var names = new List<string>();
        Visit(root, n =>
        {
            if (n is Reference r && !names.Contains(r.Name))
            {
                names.Add(r.Name);
            }
        });
        return names;
    }

    private static bool Contains(Node root, Func<Node, bool> predicate)
    {
        var found = false;
        Visit(root, n => found |= predicate(n));
        return found;
    }

    private static void Visit(Node node, Action<Node> action)
    {
        action(node);
        switch (node)
        {
            case Unary u:
                Visit(u.Operand, action);
                break;
            case Binary b:
                Visit(b.Left, action);
                Visit(b.Right, action);
                break;
            case Call c:
                foreach (var a in c.Arguments)
                {
                    Visit(a, action);
                }

                break;
        }
    }
}
