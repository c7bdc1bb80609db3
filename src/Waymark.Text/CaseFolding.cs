using System.Globalization;
using System.Text;

namespace Waymark.Text;

/// <summary>
/// Case folding for content analysis: Unicode's full case folding (<see cref="UnicodeCaseFolding"/>, the one table),
/// then canonical decomposition, optionally without diacritics. <see cref="CharTable"/> builds its per-character
/// tables from lowercasing every code unit at once, which is faster, and asks <see cref="FoldsOtherThan"/> which
/// characters fold otherwise than they lowercase, in the same pass.
/// </summary>
internal static class CaseFolding
{
    /// <summary>
    /// True when <paramref name="c"/> folds otherwise than to <paramref name="lower"/>, its invariant lowercase (ß, final
    /// sigma, the ligatures, Cherokee, ...: about 200 BMP characters). Invariant lowercasing is one code unit to one,
    /// so comparing single characters is exact and allocates nothing.
    /// </summary>
    public static bool FoldsOtherThan(char c, char lower) =>
        UnicodeCaseFolding.Fold(c) is { } folded ? folded.Length != 1 || folded[0] != lower : lower != c;

    /// <summary>The folded, canonically decomposed form of one BMP character, optionally without nonspacing marks.</summary>
    public static string Fold(char c, bool removeDiacritics)
    {
        var folded = UnicodeCaseFolding.Fold(c) ?? c.ToString();

        // Unassigned code points and noncharacters have no decomposition (and ICU refuses to normalise them).
        return CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherNotAssigned ? folded : Decompose(folded, removeDiacritics);
    }

    /// <summary>The folded form of an astral code point (surrogate pair): astral folds are single code points.</summary>
    public static Rune Fold(Rune rune) => UnicodeCaseFolding.Fold(rune.Value) is { } folded ? Rune.GetRuneAt(folded, 0) : rune;

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
