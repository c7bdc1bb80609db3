namespace Waymark.Surveys;

/// <summary>
/// One question (survey sheet row) as written in the form. Expressions are kept as text here and compiled
/// by <see cref="Instrument.Create"/>; <see cref="Required"/> is an expression too ("true()" for yes).
/// </summary>
public sealed record Question
{
    public required string Name { get; init; }

    public required QuestionType Type { get; init; }

    public LocalizedText Labels { get; init; } = LocalizedText.None;

    public LocalizedText Hints { get; init; } = LocalizedText.None;

    /// <summary>An expression; null when not required. "yes"/"true" in the form become "true()".</summary>
    public string? Required { get; init; }

    public LocalizedText RequiredMessages { get; init; } = LocalizedText.None;

    public string? Relevant { get; init; }

    public string? Constraint { get; init; }

    public LocalizedText ConstraintMessages { get; init; } = LocalizedText.None;

    public string? Calculation { get; init; }

    public string? ChoiceFilter { get; init; }

    public string? Appearance { get; init; }

    /// <summary>A literal default answer, in the raw answer format (see README).</summary>
    public string? Default { get; init; }

    public bool ReadOnly { get; init; }

    /// <summary>The choices list name (select types), as in <c>select_one LIST</c>.</summary>
    public string? ListName { get; init; }

    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary>True for <c>select_one LIST or_other</c>: the list has an "other" choice and a text question NAME_other follows.</summary>
    public bool OrOther { get; init; }

    /// <summary>Names of the enclosing groups, outermost first; empty at top level.</summary>
    public IReadOnlyList<string> GroupPath { get; init; } = [];

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The survey sheet row (1-based) the question came from; 0 when built in code.</summary>
    public int Row { get; init; }

    /// <summary>
    /// The name as written in the form when Waymark gives the question another: a question of a <c>begin loop</c> is
    /// asked once per choice and named CHOICE_NAME (pyxform keeps NAME in a group per choice). Null otherwise.
    /// </summary>
    public string? SourceName { get; init; }

    public string GroupPathText => string.Join('/', GroupPath);
}
