namespace Waymark.Surveys;

/// <summary>
/// A text in several languages, keyed by language code ("en", "ar") or, when the form gives no code,
/// by the language name as written ("English"); a plain <c>label</c> column is keyed "default".
/// </summary>
public sealed class LocalizedText
{
    /// <summary>The key of text from a column without <c>::language</c>.</summary>
    public const string DefaultKey = "default";

    public LocalizedText(IReadOnlyDictionary<string, string> byLanguage)
    {
        ArgumentNullException.ThrowIfNull(byLanguage);
        ByLanguage = new Dictionary<string, string>(byLanguage, StringComparer.Ordinal);
    }

    public static LocalizedText None { get; } = new(new Dictionary<string, string>());

    public IReadOnlyDictionary<string, string> ByLanguage { get; }

    public bool IsEmpty => ByLanguage.Count == 0;

    public static LocalizedText Of(string language, string text) => new(new Dictionary<string, string> { [language] = text });

    /// <summary>
    /// The text for <paramref name="language"/>, else the form's default language, else "default", else the
    /// first language that has it; null when the text is absent in every language.
    /// </summary>
    public string? For(string language, string? defaultLanguage = null) =>
        KeyFor(language, defaultLanguage) is { } key ? ByLanguage[key] : null;

    /// <summary>
    /// The key of the text <see cref="For"/> gives: <paramref name="language"/> itself when the text has it, else the
    /// key it fell back to (so a page can mark a fallback text with its own language); null when there is no text.
    /// </summary>
    public string? KeyFor(string language, string? defaultLanguage = null)
    {
        if (ByLanguage.ContainsKey(language))
        {
            return language;
        }

        if (defaultLanguage is not null && ByLanguage.ContainsKey(defaultLanguage))
        {
            return defaultLanguage;
        }

        return ByLanguage.ContainsKey(DefaultKey) ? DefaultKey : ByLanguage.Keys.FirstOrDefault();
    }
}
