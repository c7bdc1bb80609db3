using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Waymark.Text;

/// <summary>
/// Case folding for content analysis: Unicode's full case folding (<see cref="UnicodeCaseFolding"/>, the one table),
/// then canonical decomposition, optionally without diacritics. <see cref="CharTable"/> builds its per-character
/// tables from lowercasing every code unit at once, which is faster, and asks <see cref="HasSpecialFold"/> which
/// characters fold otherwise than they lowercase.
/// </summary>
internal static class CaseFolding
{
    // The BMP characters whose full case folding differs from their invariant lowercase (ß, final sigma, the
    // ligatures, Cherokee, ...): computed once from the table, about 200 of them.
    private static readonly Lazy<FrozenDictionary<char, string>> Specials = new(() =>
    {
        var specials = new Dictionary<char, string>();
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c))
            {
                continue;
            }

            // Invariant lowercasing is one code unit to one, so comparing single characters is exact and allocates nothing.
            var lower = char.ToLowerInvariant(c);
            var folded = UnicodeCaseFolding.Fold(c);
            if (folded is null ? lower != c : folded.Length != 1 || folded[0] != lower)
            {
                specials[c] = folded ?? c.ToString();
            }
        }

        return specials.ToFrozenDictionary();
    });

    private static string? Special(char c) => Specials.Value.TryGetValue(c, out var folded) ? folded : null;

    /// <summary>True for the characters whose fold is not their <see cref="string.ToLowerInvariant"/>.</summary>
    public static bool HasSpecialFold(char c) => Specials.Value.ContainsKey(c);

    /// <summary>The folded, canonically decomposed form of one BMP character, optionally without nonspacing marks.</summary>
    public static string Fold(char c, bool removeDiacritics)
    {
        var folded = Special(c) ?? c.ToString().ToLowerInvariant();

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
