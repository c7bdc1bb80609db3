namespace Waymark.Text;

/// <summary>
/// Maps normalised spans back to source spans. Only starts are stored: a normalised character ends where
/// the next character with a later source start begins, which also gives dropped marks and the rest of a
/// whitespace run to the character before them.
/// </summary>
internal static class OffsetMap
{
    public static (int Start, int End) ToOriginal(ReadOnlySpan<int> starts, int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, starts.Length - 1);
        var sourceStart = starts[start];
        if (length == 0)
        {
            return (sourceStart, sourceStart);
        }

        var last = start + length - 1;
        var next = last + 1;
        while (next < starts.Length - 1 && starts[next] == starts[last])
        {
            next++;
        }

        return (sourceStart, starts[next]);
    }
}
