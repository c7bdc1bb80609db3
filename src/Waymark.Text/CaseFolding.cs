using System.Globalization;
using System.Text;

namespace Waymark.Text;

/// <summary>
/// Unicode full case folding, approximated: <see cref="string.ToLowerInvariant"/> plus the folds that
/// lowercasing does not give (CaseFolding.txt status F and the Greek/long-s simple folds).
/// </summary>
internal static class CaseFolding
{
    // A switch rather than a frozen dictionary: this is read while the normaliser's tables are built at start-up,
    // and a FrozenDictionary<char, string> costs more to create (jitting its generic code) than all its look-ups.
    private static string? Special(char c) => c switch
    {
        '\u00DF' => "ss", // ß
        '\u1E9E' => "ss", // ẞ
        '\u0130' => "i\u0307", // İ
        '\u0149' => "\u02BCn", // ŉ
        '\u017F' => "s", // ſ long s
        '\u00B5' => "\u03BC", // µ micro sign
        '\u03C2' => "\u03C3", // ς final sigma folds to σ
        '\u03A3' => "\u03C3", // Σ
        '\u03D0' => "\u03B2", // ϐ
        '\u03D1' => "\u03B8", // ϑ
        '\u03D5' => "\u03C6", // ϕ
        '\u03D6' => "\u03C0", // ϖ
        '\u03F0' => "\u03BA", // ϰ
        '\u03F1' => "\u03C1", // ϱ
        '\u03F5' => "\u03B5", // ϵ
        '\u1E9B' => "\u1E61", // ẛ
        '\u1FBE' => "\u03B9", // ι prosgegrammeni
        '\u0345' => "\u03B9", // combining ypogegrammeni
        '\uFB00' => "ff",
        '\uFB01' => "fi",
        '\uFB02' => "fl",
        '\uFB03' => "ffi",
        '\uFB04' => "ffl",
        '\uFB05' => "st",
        '\uFB06' => "st",
        _ => null,
    };

    /// <summary>True for the characters whose fold is not their <see cref="string.ToLowerInvariant"/>.</summary>
    public static bool HasSpecialFold(char c) => Special(c) is not null;

    /// <summary>The folded, canonically decomposed form of one BMP character, optionally without nonspacing marks.</summary>
    public static string Fold(char c, bool removeDiacritics)
    {
        var folded = Special(c) ?? c.ToString().ToLowerInvariant();

        // Unassigned code points and noncharacters have no decomposition (and ICU refuses to normalise them).
        return CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherNotAssigned ? folded : Decompose(folded, removeDiacritics);
    }

    /// <summary>The folded form of an astral code point (surrogate pair).</summary>
    public static Rune Fold(Rune rune) => Rune.ToLowerInvariant(rune);

    private static string Decompose(string folded, bool removeDiacritics)
    {
        var decomposed = folded.IsNormalized(NormalizationForm.FormD) ? folded : folded.Normalize(NormalizationForm.FormD);
        if (!removeDiacritics)
        {
            return decomposed;
        }

        var kept = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(ch);
            }
        }

        return kept.ToString();
    }
}
