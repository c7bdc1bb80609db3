namespace Waymark.Web.Localization;

/// <summary>
/// The UI languages (docs/adr/0003-localisation.md). The URL code is lower case BCP 47; the
/// culture names the resource file (<c>Resources/SharedResource.{culture}.resx</c>).
/// </summary>
public static class Languages
{
    public const string DefaultCode = "en";

    public static IReadOnlyList<Language> All { get; } =
    [
        new("en", "en", "English", false),
        new("ar", "ar", "العربية", true),
        new("bs", "bs", "Bosanski", false),
        new("de", "de", "Deutsch", false),
        new("el", "el", "Ελληνικά", false),
        new("es", "es", "Español", false),
        new("fa", "fa", "فارسی", true),
        new("fi", "fi", "Suomi", false),
        new("fr", "fr", "Français", false),
        new("hi", "hi", "हिन्दी", false),
        new("hr", "hr", "Hrvatski", false),
        new("it", "it", "Italiano", false),
        new("ja", "ja", "日本語", false),
        new("ne", "ne", "नेपाली", false),
        new("nl", "nl", "Nederlands", false),
        new("pl", "pl", "Polski", false),
        new("pt", "pt", "Português", false),
        new("ru", "ru", "Русский", false),
        new("sr", "sr", "Српски", false),
        new("sv", "sv", "Svenska", false),
        new("ta", "ta", "தமிழ்", false),
        new("uk", "uk", "Українська", false),
        new("zh-hans", "zh-Hans", "简体中文", false),
        new("zh-hant", "zh-Hant", "繁體中文", false),
    ];

    private static readonly Dictionary<string, Language> ByCode =
        All.ToDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase);

    public static Language Default { get; } = ByCode[DefaultCode];

    public static bool TryGet(string? code, out Language language)
    {
        if (code is not null && ByCode.TryGetValue(code, out var found))
        {
            language = found;
            return true;
        }

        language = Default;
        return false;
    }

    /// <summary>
    /// The UI language for a code another program uses, such as a search engine's interface language
    /// (Django's <c>en-us</c>, <c>pt-br</c>, <c>zh-hans</c>, or <c>en_US</c>): the code itself when it is one of
    /// ours, else Chinese by script or region, else its base language, else English.
    /// </summary>
    public static Language Resolve(string? code)
    {
        if (TryGet(code, out var exact))
        {
            return exact;
        }

        if (string.IsNullOrEmpty(code) || code.Length > 35 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return Default;
        }

        return Match(code.Replace('_', '-')) ?? Default;
    }

    /// <summary>
    /// Picks the first supported language from an Accept-Language header (used only to redirect
    /// "/"; every other page takes its language from the URL).
    /// </summary>
    public static Language Negotiate(string? acceptLanguage)
    {
        if (string.IsNullOrWhiteSpace(acceptLanguage))
        {
            return Default;
        }

        var ranked = acceptLanguage.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((part, index) => (Tag: part.Split(';')[0].Trim(), Quality: ParseQuality(part), Index: index))
            .Where(p => p.Quality > 0)
            .OrderByDescending(p => p.Quality).ThenBy(p => p.Index);
        foreach (var (tag, _, _) in ranked)
        {
            if (Match(tag) is { } language)
            {
                return language;
            }
        }

        return Default;
    }

    private static Language? Match(string tag)
    {
        if (ByCode.TryGetValue(tag, out var exact))
        {
            return exact;
        }

        var lower = tag.ToLowerInvariant();
        if (lower.StartsWith("zh", StringComparison.Ordinal))
        {
            // zh-TW, zh-HK, zh-MO and zh-Hant-* read Traditional; every other Chinese tag Simplified.
            var traditional = lower.Contains("hant", StringComparison.Ordinal) || lower.EndsWith("-tw", StringComparison.Ordinal)
                || lower.EndsWith("-hk", StringComparison.Ordinal) || lower.EndsWith("-mo", StringComparison.Ordinal);
            return ByCode[traditional ? "zh-hant" : "zh-hans"];
        }

        var primary = lower.Split('-')[0];
        return ByCode.GetValueOrDefault(primary);
    }

    private static double ParseQuality(string part)
    {
        var q = part.Split(';').Skip(1).Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("q=", StringComparison.Ordinal));
        return q is not null && double.TryParse(q.AsSpan(2), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : 1.0;
    }
}
