namespace Waymark.Surveys.Expressions;

/// <summary>The syntax tree of an XLSForm expression. Position is the 0-based offset of the node's first token.</summary>
internal abstract record Node(int Position);

internal sealed record Literal(XValue Value, int Position) : Node(Position);

/// <summary><c>${name}</c>: the typed value of another question's answer.</summary>
internal sealed record Reference(string Name, int Position) : Node(Position);

/// <summary><c>.</c>: the answer being checked (in a constraint).</summary>
internal sealed record Current(int Position) : Node(Position);

/// <summary>A bare name, allowed only in <c>choice_filter</c>: a column of the choice being filtered.</summary>
internal sealed record ChoiceColumn(string Name, int Position) : Node(Position);

internal sealed record Unary(Node Operand, int Position) : Node(Position);

internal sealed record Binary(string Operator, Node Left, Node Right, int Position) : Node(Position);

internal sealed record Call(string Function, IReadOnlyList<Node> Arguments, int Position) : Node(Position)
{
    /// <summary>A regex compiled once at parse time when the pattern is a literal (the usual case).</summary>
    public System.Text.RegularExpressions.Regex? LiteralRegex { get; init; }

    /// <summary>For <c>jr:choice-name(value, '${q}')</c>: the select question whose choice labels are read.</summary>
    public string? ChoiceQuestion { get; init; }
}
