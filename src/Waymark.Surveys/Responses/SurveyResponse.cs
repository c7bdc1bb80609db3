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

    /// <summary>The form version the response was given in (settings sheet, <c>version</c>), or null when not recorded: the exports' <c>form_version</c> column.</summary>
    public string? Version { get; init; }

    /// <summary>The language code of the pages the respondent answered in, or null when not recorded: the exports' <c>language</c> column.</summary>
    public string? Language { get; init; }

    /// <summary>The step <see cref="DurationSeconds"/> is rounded to: the exports never show a finer total time (docs/surveys-respondents.md).</summary>
    public const int DurationStepSeconds = 10;

    /// <summary>
    /// The time spent on the pages in all, in whole seconds already rounded to <see cref="DurationStepSeconds"/> by whoever
    /// made the response (<c>Waymark.Responses</c>), or null: the exports' <c>duration_s</c> column.
    /// </summary>
    public int? DurationSeconds { get; init; }
}
