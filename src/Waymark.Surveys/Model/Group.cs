namespace Waymark.Surveys;

/// <summary>A <c>begin group</c> … <c>end group</c> block. <see cref="Path"/> is the chain of group names from the top, ending with this one.</summary>
public sealed record Group(string Name, LocalizedText Labels, string? Relevant, string? Appearance, IReadOnlyList<string> Path)
{
    /// <summary>The path as "outer/inner", the form used in JSON and exports.</summary>
    public string PathText => string.Join('/', Path);

    /// <summary>The survey sheet row of <c>begin group</c> (1-based); 0 when built in code.</summary>
    public int Row { get; init; }
}
