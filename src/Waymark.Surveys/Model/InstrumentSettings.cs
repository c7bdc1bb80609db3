namespace Waymark.Surveys;

/// <summary>The settings sheet. <see cref="Style"/> "pages" puts each top-level group on its own page.</summary>
public sealed record InstrumentSettings
{
    public required string FormId { get; init; }

    public string Title { get; init; } = string.Empty;

    /// <summary>
    /// The title in other languages, by language key, from <c>form_title::Language (code)</c> columns (a Waymark
    /// extension: XLSForm's form_title has one language); <see cref="Title"/> where a language has none.
    /// </summary>
    public IReadOnlyDictionary<string, string> Titles { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The title a respondent reading <paramref name="languageKey"/> sees.</summary>
    public string TitleIn(string languageKey) => Titles.GetValueOrDefault(languageKey) ?? Title;

    public string Version { get; init; } = string.Empty;

    /// <summary>The language key (see <see cref="LocalizedText"/>) used when the respondent's language is missing.</summary>
    public string? DefaultLanguage { get; init; }

    public string? Style { get; init; }

    /// <summary>
    /// How each translated language was made, by language key, from the settings sheet's
    /// <c>translation::Language (code)</c> columns; a language not listed says nothing (docs/translation.md).
    /// </summary>
    public IReadOnlyDictionary<string, TranslationStatus> Translations { get; init; } = new Dictionary<string, TranslationStatus>(StringComparer.Ordinal);

    /// <summary>True when the texts in <paramref name="languageKey"/> are a machine draft not yet read by a fluent human.</summary>
    public bool IsMachineDraft(string languageKey) => Translations.GetValueOrDefault(languageKey) == TranslationStatus.MachineDraft;

    public bool StylePages => string.Equals(Style, "pages", StringComparison.OrdinalIgnoreCase);
}

/// <summary>How a translation was made: <c>machine-draft</c> (by a machine, not yet read by a fluent human) or <c>reviewed</c>.</summary>
public enum TranslationStatus
{
    /// <summary>Not stated.</summary>
    Unknown,

    /// <summary><c>machine-draft</c>.</summary>
    MachineDraft,

    /// <summary><c>reviewed</c>.</summary>
    Reviewed,
}

/// <summary>The names of <see cref="TranslationStatus"/> as written in content metadata.</summary>
public static class TranslationStatusNames
{
    /// <summary><c>machine-draft</c> or <c>reviewed</c> (case-insensitive), else null.</summary>
    public static TranslationStatus? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "machine-draft" => TranslationStatus.MachineDraft,
        "reviewed" => TranslationStatus.Reviewed,
        _ => null,
    };

    /// <summary>The metadata name of <paramref name="status"/>.</summary>
    public static string Name(TranslationStatus status) => status switch
    {
        TranslationStatus.MachineDraft => "machine-draft",
        TranslationStatus.Reviewed => "reviewed",
        _ => "unknown",
    };
}
