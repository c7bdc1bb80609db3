namespace Waymark.Surveys;

/// <summary>The settings sheet. <see cref="Style"/> "pages" puts each top-level group on its own page.</summary>
public sealed record InstrumentSettings
{
    public required string FormId { get; init; }

    public string Title { get; init; } = string.Empty;

    public string Version { get; init; } = string.Empty;

    /// <summary>The language key (see <see cref="LocalizedText"/>) used when the respondent's language is missing.</summary>
    public string? DefaultLanguage { get; init; }

    public string? Style { get; init; }

    public bool StylePages => string.Equals(Style, "pages", StringComparison.OrdinalIgnoreCase);
}
