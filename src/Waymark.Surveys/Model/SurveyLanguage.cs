namespace Waymark.Surveys;

/// <summary>
/// A language of the form. <see cref="Key"/> is the code from "English (en)" or, without a code, the name as
/// written; <see cref="LocalizedText.DefaultKey"/> for untranslated columns.
/// </summary>
public sealed record SurveyLanguage(string Key, string Name)
{
    /// <summary>Reads an XLSForm language suffix: "English (en)" gives (en, English); "French" gives (French, French).</summary>
    public static SurveyLanguage FromColumnSuffix(string suffix)
    {
        ArgumentNullException.ThrowIfNull(suffix);
        var text = suffix.Trim();
        var open = text.LastIndexOf('(');
        if (open > 0 && text.EndsWith(')') && open < text.Length - 2)
        {
            var code = text[(open + 1)..^1].Trim();
            var name = text[..open].Trim();
            if (code.Length > 0)
            {
                return new SurveyLanguage(code, name.Length > 0 ? name : code);
            }
        }

        return new SurveyLanguage(text, text);
    }
}
