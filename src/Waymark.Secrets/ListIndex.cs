using System.Collections.Frozen;
using System.Numerics;

namespace Waymark.Secrets;

/// <summary>
/// Which lists read a word, as a bit per list in <see cref="WordList.All"/>'s order, so that a typed phrase is matched
/// against every list with one lookup a word instead of one a word and a list (the vault-opening path is hot).
/// </summary>
internal static class ListIndex
{
    private static readonly Lazy<(FrozenDictionary<string, ulong> Exact, FrozenDictionary<string, ulong> Folded)> Indexes = new(Build);

    /// <summary>The lists that hold <paramref name="word"/> exactly as typed.</summary>
    internal static ulong Exact(string word) => Indexes.Value.Exact.GetValueOrDefault(word);

    /// <summary>The lists that read <paramref name="word"/> at all: exactly or by its folded form.</summary>
    internal static ulong Reading(string word) => Exact(word) | Indexes.Value.Folded.GetValueOrDefault(PhraseFolding.Fold(word));

    /// <summary>The lists whose phrases have <paramref name="count"/> words.</summary>
    internal static ulong OfLength(int count)
    {
        var mask = 0UL;
        for (var i = 0; i < WordList.All.Count; i++)
        {
            if (WordList.All[i].PhraseWords == count)
            {
                mask |= 1UL << i;
            }
        }

        return mask;
    }

    /// <summary>The first list (in reading order) of a non-empty mask.</summary>
    internal static WordList First(ulong mask) => WordList.All[BitOperations.TrailingZeroCount(mask)];

    private static (FrozenDictionary<string, ulong>, FrozenDictionary<string, ulong>) Build()
    {
        var lists = WordList.All;
        if (lists.Count > 64)
        {
            throw new InvalidOperationException("More than 64 word lists do not fit one bit each in a 64-bit mask.");
        }

        var exact = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var folded = new Dictionary<string, ulong>(StringComparer.Ordinal);
        for (var i = 0; i < lists.Count; i++)
        {
            var bit = 1UL << i;
            foreach (var word in lists[i].Words)
            {
                exact[word] = exact.GetValueOrDefault(word) | bit;
            }

            foreach (var key in lists[i].FoldedKeys)
            {
                folded[key] = folded.GetValueOrDefault(key) | bit;
            }
        }

        return (exact.ToFrozenDictionary(StringComparer.Ordinal), folded.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
