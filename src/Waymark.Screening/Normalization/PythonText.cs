using System.Globalization;
using System.Text;

namespace Waymark.Screening.Normalization;

/// <summary>
/// Python's idea of a letter or digit (<c>str.isalpha</c>, <c>str.isdigit</c>), which Ahmia's filter
/// keeps when it deletes everything else from a piece of a query.
/// </summary>
internal static class PythonText
{
    /// <summary>A letter (Lu, Ll, Lt, Lm, Lo) or a character with a Unicode digit value.</summary>
    public static bool IsAlphaNumeric(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        || (rune.Value < 128 ? char.IsAsciiDigit((char)rune.Value) : CharUnicodeInfo.GetDigitValue(rune.ToString(), 0) >= 0);
}
