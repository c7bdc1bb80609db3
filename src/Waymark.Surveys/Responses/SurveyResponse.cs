namespace Waymark.Surveys.Responses;

/// <summary>
/// One completed response as the exports read it: a random id, at most the UTC date (null when the
/// instrument keeps none), the raw answers by question name (README: "Raw answers") and the data-quality
/// flags (e.g. "speeding", "straightlining"), which exports carry and never act on.
/// </summary>
public sealed record SurveyResponse(
    string Id,
    DateOnly? Date,
    IReadOnlyDictionary<string, string> Answers,
    IReadOnlyList<string> Flags)
{
    /// <summary>The console's mark that set this response aside ("test" or "junk"), or null: the exports' <c>excluded</c> column.</summary>
    public string? Excluded { get; init; }
}
