namespace Waymark.Surveys.XlsForm;

/// <summary>The two texts pyxform adds for or_other, in the site's 24 languages (by language code; machine drafts like the forms' own translations).</summary>
internal static class OtherTranslations
{
    private static readonly Dictionary<string, (string Other, string Specify)> ByCode = new(StringComparer.Ordinal)
    {
        ["ar"] = ("أخرى", "حدّد أخرى."),
        ["de"] = ("Andere", "Bitte angeben."),
        ["es"] = ("Otra", "Especifique."),
        ["fr"] = ("Autre", "Veuillez préciser."),
        ["ru"] = ("Другое", "Уточните."),
        ["bs"] = ("Drugo", "Navedite."),
        ["el"] = ("Άλλο", "Διευκρινίστε."),
        ["fa"] = ("سایر", "لطفاً مشخص کنید."),
        ["fi"] = ("Muu", "Tarkenna."),
        ["hi"] = ("अन्य", "कृपया बताएँ।"),
        ["hr"] = ("Drugo", "Navedite."),
        ["it"] = ("Altro", "Specifica."),
        ["ja"] = ("その他", "具体的に記入してください。"),
        ["ne"] = ("अन्य", "कृपया खुलाउनुहोस्।"),
        ["nl"] = ("Anders", "Geef aan wat."),
        ["pl"] = ("Inne", "Proszę określić."),
        ["pt"] = ("Outro", "Especifique."),
        ["sr"] = ("Друго", "Наведите."),
        ["sv"] = ("Annat", "Ange vad."),
        ["ta"] = ("மற்றவை", "குறிப்பிடவும்."),
        ["uk"] = ("Інше", "Уточніть."),
        ["zh-hans"] = ("其他", "请具体说明。"),
        ["zh-hant"] = ("其他", "請具體說明。"),
    };

    /// <summary>The text in the language of <paramref name="languageKey"/> (its full code first, then its base language), else the English.</summary>
    public static string For(string english, string languageKey)
    {
        var full = languageKey.ToLowerInvariant();
        var texts = ByCode.TryGetValue(full, out var exact) ? exact : ByCode.GetValueOrDefault(full.Split('-', '_')[0]);
        return texts == default ? english : english == "Other" ? texts.Other : texts.Specify;
    }
}
