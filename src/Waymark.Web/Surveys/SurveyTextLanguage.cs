using System.Text.RegularExpressions;
using Waymark.Surveys;
using Waymark.Web.Localization;

namespace Waymark.Web.Surveys;

/// <summary>
/// The <c>lang</c> (and <c>dir</c>) of a survey text that the form lacks in the page's language and shows in another
/// (its fallback, usually English): a page that says it is Finnish marks an English question as English.
/// </summary>
internal static partial class SurveyTextLanguage
{
    /// <summary>
    /// The language code to mark a fallback text with: the form's language key when it is a language code, the form's
    /// <c>default_language</c> for a plain <c>label</c> column; null when the text is in the page's language (nothing to
    /// mark) or its language is unknown (a column named by a language name only, or a plain column without a default).
    /// </summary>
    public static string? Code(string? key, Instrument instrument, string pageLanguage)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (key == LocalizedText.DefaultKey)
        {
            key = instrument.Settings.DefaultLanguage;
        }

        if (key is null)
        {
            return null;
        }

        var code = Languages.TryGet(key, out var site) ? site.Code : LanguageCode().IsMatch(key) ? key : null;
        return code is null || string.Equals(code, pageLanguage, StringComparison.OrdinalIgnoreCase) ? null : code;
    }

    /// <summary>The <c>dir</c> of a text in <paramref name="code"/> (right to left for Arabic and Persian), null when none is marked.</summary>
    public static string? Direction(string? code) =>
        code is null ? null : Languages.TryGet(code, out var site) ? site.Direction : "ltr";

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageCode();
}
