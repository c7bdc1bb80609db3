using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Waymark.Content.Corpus;

/// <summary>
/// The positions of every line feed in a block, found 32 bytes at a time: for blocks whose only line breaks are
/// line feeds (ASCII without carriage returns, the usual corpus file), one pass replaces a search per line.
/// </summary>
internal sealed class LineFeeds
{
    private int[] _positions = new int[1024];
    private int _count;
    private int _next;

    /// <summary>Finds the line feeds of <paramref name="block"/> (replacing any found before).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Index(ReadOnlySpan<byte> block)
    {
        _count = 0;
        _next = 0;
        ref var bytes = ref MemoryMarshal.GetReference(block);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var feed = Vector256.Create((byte)'\n');
            for (; i + Vector256<byte>.Count <= block.Length; i += Vector256<byte>.Count)
            {
                var mask = Vector256.Equals(Vector256.LoadUnsafe(ref bytes, (nuint)i), feed).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    Add(i + BitOperations.TrailingZeroCount(mask));
                    mask &= mask - 1;
                }
            }
        }

        for (; i < block.Length; i++)
        {
            if (Unsafe.Add(ref bytes, i) == (byte)'\n')
            {
                Add(i);
            }
        }
    }

    /// <summary>The first line feed at or after <paramref name="start"/>, or -1 when the block has no more (positions are asked for in increasing order).</summary>
    public int NextFrom(int start)
    {
        while (_next < _count && _positions[_next] < start)
        {
            _next++;
        }

        return _next < _count ? _positions[_next] : -1;
    }

    private void Add(int position)
    {
        if (_count == _positions.Length)
        {
            Array.Resize(ref _positions, _positions.Length * 2);
        }

        _positions[_count++] = position;
    }
}
