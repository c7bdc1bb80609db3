namespace Waymark.Surveys.XlsForm;

/// <summary>The two texts pyxform adds for or_other, in the demo languages (by language code).</summary>
internal static class OtherTranslations
{
    private static readonly Dictionary<string, (string Other, string Specify)> ByCode = new(StringComparer.Ordinal)
    {
        ["ar"] = ("أخرى", "حدّد أخرى."),
        ["de"] = ("Andere", "Bitte angeben."),
        ["es"] = ("Otra", "Especifique."),
        ["fr"] = ("Autre", "Veuillez préciser."),
        ["ru"] = ("Другое", "Уточните."),
    };

    public static string For(string english, string languageKey)
    {
        var code = languageKey.Split('-', '_')[0].ToLowerInvariant();
        return ByCode.TryGetValue(code, out var texts) ? (english == "Other" ? texts.Other : texts.Specify) : english;
    }
}
