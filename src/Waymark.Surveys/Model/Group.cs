namespace Waymark.Surveys;

/// <summary>
/// A <c>begin group</c> … <c>end group</c> block, or a <c>begin repeat</c> … <c>end repeat</c> block when
/// <see cref="IsRepeat"/>. <see cref="Path"/> is the chain of group names from the top, ending with this one.
/// </summary>
public sealed record Group(string Name, LocalizedText Labels, string? Relevant, string? Appearance, IReadOnlyList<string> Path)
{
    /// <summary>The path as "outer/inner", the form used in JSON and exports.</summary>
    public string PathText => string.Join('/', Path);

    /// <summary>The survey sheet row of <c>begin group</c> (1-based); 0 when built in code.</summary>
    public int Row { get; init; }

    /// <summary>A repeat: its questions are asked once per instance (README "Repeats").</summary>
    public bool IsRepeat { get; init; }

    /// <summary>
    /// A repeat's <c>repeat_count</c> expression: the number of instances, fixed (<c>3</c>) or from earlier answers
    /// (<c>${members}</c>). Null for an open-ended repeat, whose respondent adds and removes instances.
    /// </summary>
    public string? RepeatCount { get; init; }

    /// <summary>
    /// The name as written (pyxform's) when Waymark gives the group another: the group of a choice in a second loop over the
    /// same list is LOOP_CHOICE, since names are unique in a form (docs/surveys.md, "Repeats and loops"). Null otherwise.
    /// </summary>
    public string? SourceName { get; init; }
}
