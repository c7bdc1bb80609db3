using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Waymark.Content.Coding;

/// <summary>
/// How many units hold both codes of each pair (a &lt; b). Up to <see cref="MaxDenseCodes"/> codes the counts
/// live in a dense triangular array of 16-bit counters (a 5,000-code book: 25 MB, which stays in the processor's
/// last-level cache, touched only where pairs occur), which costs one array increment per pair instead of a
/// hash lookup; a counter that wraps carries 2^16 into a sparse table, so every count stays exact. Larger books
/// count sparsely.
/// </summary>
internal sealed class PairCounts
{
    /// <summary>Above this many codes a dense array would pass 64 MB; the sparse table holds only pairs that occur.</summary>
    internal const int MaxDenseCodes = 8_192;

    private readonly int _codes;
    private readonly ushort[]? _dense;
    private readonly Dictionary<long, long> _sparse = [];

    public PairCounts(int codes)
    {
        _codes = codes;
        if (codes is > 1 and <= MaxDenseCodes)
        {
            _dense = new ushort[(long)codes * (codes - 1) / 2];
        }
    }

    /// <summary>Counts one unit holding codes <paramref name="a"/> &lt; <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int a, int b)
    {
        if (_dense is null)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_sparse, Key(a, b), out _)++;
            return;
        }

        ref var count = ref _dense[Index(a, b)];
        if (++count == 0)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_sparse, Key(a, b), out _) += 1L << 16;
        }
    }

    /// <summary>Every pair with a count, ordered by (a, b).</summary>
    public IEnumerable<(int A, int B, long N)> All()
    {
        if (_dense is null)
        {
            foreach (var (key, n) in _sparse.OrderBy(p => p.Key))
            {
                yield return ((int)(key / _codes), (int)(key % _codes), n);
            }

            yield break;
        }

        var index = 0L;
        for (var a = 0; a < _codes; a++)
        {
            for (var b = a + 1; b < _codes; b++, index++)
            {
                var n = _dense[index] + (_sparse.Count == 0 ? 0 : _sparse.GetValueOrDefault(Key(a, b)));
                if (n > 0)
                {
                    yield return (a, b, n);
                }
            }
        }
    }

    private long Key(int a, int b) => ((long)a * _codes) + b;

    /// <summary>Row a of the upper triangle starts after the rows above it: a·n − a(a+1)/2 entries.</summary>
    private long Index(int a, int b) => ((long)a * _codes) - ((long)a * (a + 1) / 2) + (b - a - 1);
}
