using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Waymark.Content.Coding;

/// <summary>
/// How many units hold both codes of each pair (a &lt; b). Up to <see cref="MaxDenseCodes"/> codes the counts
/// live in a dense triangular array of 16-bit counters (a 5,000-code book: 25 MB, which can stay in the
/// processor's last-level cache, touched only where pairs occur), which costs one array increment per pair
/// instead of a hash lookup; a counter that wraps carries 2^16 into a sparse table, so every count stays exact.
/// Increments are queued and applied together (<see cref="Flush"/>), so that the processor overlaps their cache
/// misses instead of meeting them one at a time between other work. Larger books count sparsely.
/// </summary>
internal sealed class PairCounts
{
    /// <summary>Above this many codes a dense array would pass 64 MB; the sparse table holds only pairs that occur.</summary>
    internal const int MaxDenseCodes = 8_192;

    private const int QueueLength = 4_096;

    private readonly int _codes;
    private readonly ushort[]? _dense;
    private readonly Dictionary<long, long> _sparse = [];
    private readonly int[] _queue = new int[QueueLength];
    private int _queued;

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

        _queue[_queued++] = Index(a, b);
        if (_queued == QueueLength)
        {
            Flush();
        }
    }

    /// <summary>Applies the queued increments.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Flush()
    {
        var dense = _dense;
        if (dense is null)
        {
            return;
        }

        foreach (var index in _queue.AsSpan(0, _queued))
        {
            if (++dense[index] == 0)
            {
                var b = RowAndColumn(index);
                CollectionsMarshal.GetValueRefOrAddDefault(_sparse, Key(b.A, b.B), out _) += 1L << 16;
            }
        }

        _queued = 0;
    }

    /// <summary>Every pair with a count, ordered by (a, b).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public List<(int A, int B, long N)> All()
    {
        Flush();
        var pairs = new List<(int A, int B, long N)>();
        if (_dense is null)
        {
            foreach (var (key, n) in _sparse.OrderBy(p => p.Key))
            {
                pairs.Add(((int)(key / _codes), (int)(key % _codes), n));
            }

            return pairs;
        }

        var rowStart = 0;
        for (var a = 0; a < _codes - 1; a++)
        {
            // Most pairs never occur: jump over runs of zero counters.
            var row = _dense.AsSpan(rowStart, _codes - a - 1);
            for (var at = row.IndexOfAnyExcept((ushort)0); at >= 0; at = NextNonZero(row, at))
            {
                var b = a + 1 + at;
                pairs.Add((a, b, row[at] + (_sparse.Count == 0 ? 0 : _sparse.GetValueOrDefault(Key(a, b)))));
            }

            rowStart += row.Length;
        }

        // Counts that wrapped to exactly zero in the dense array live only in the sparse table.
        if (_sparse.Count > 0)
        {
            var listed = pairs.Select(p => Key(p.A, p.B)).ToHashSet();
            pairs.AddRange(_sparse.Where(p => !listed.Contains(p.Key)).Select(p => ((int)(p.Key / _codes), (int)(p.Key % _codes), p.Value)));
            pairs.Sort();
        }

        return pairs;
    }

    private static int NextNonZero(ReadOnlySpan<ushort> row, int at)
    {
        var next = row[(at + 1)..].IndexOfAnyExcept((ushort)0);
        return next < 0 ? -1 : at + 1 + next;
    }

    private long Key(int a, int b) => ((long)a * _codes) + b;

    /// <summary>Row a of the upper triangle starts after the rows above it: a·n − a(a+1)/2 entries.</summary>
    private int Index(int a, int b) => (int)(((long)a * _codes) - ((long)a * (a + 1) / 2) + (b - a - 1));

    /// <summary>The pair at a triangle index (rare: only when a counter wraps).</summary>
    private (int A, int B) RowAndColumn(int index)
    {
        var a = 0;
        while (Index(a, _codes - 1) < index)
        {
            a++;
        }

        return (a, index - Index(a, a + 1) + a + 1);
    }
}
