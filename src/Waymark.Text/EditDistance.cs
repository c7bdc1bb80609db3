namespace Waymark.Text;

/// <summary>
/// The optimal string alignment distance (restricted Damerau–Levenshtein: insertions, deletions, substitutions
/// and transpositions of two adjacent characters, each costing 1, no substring edited twice) between two
/// sequences of code points, as R's <c>stringdist(method = "osa")</c> computes it.
/// </summary>
internal static class EditDistance
{
    /// <summary>
    /// The distance when it is at most <paramref name="limit"/>, else <paramref name="limit"/> + 1. Only the
    /// diagonal band of width 2 × limit + 1 is filled, so the cost is O(length × limit).
    /// </summary>
    public static int Bounded(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        if (limit == 0)
        {
            return a.SequenceEqual(b) ? 0 : 1;
        }

        var width = b.Length + 1;
        var over = limit + 1;

        // Three rows: two back (for transpositions), the previous and the current.
        Span<int> rows = width * 3 <= 256 ? stackalloc int[width * 3] : new int[width * 3];
        var twoBack = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(width * 2, width);
        for (var j = 0; j < width; j++)
        {
            previous[j] = Math.Min(j, over);
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var from = Math.Max(1, i - limit);
            var to = Math.Min(b.Length, i + limit);
            current.Fill(over);
            current[0] = Math.Min(i, over);
            var best = current[0];
            for (var j = from; j <= to; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, twoBack[j - 2] + 1);
                }

                current[j] = Math.Min(value, over);
                best = Math.Min(best, current[j]);
            }

            if (best > limit)
            {
                return over;
            }

            var spare = twoBack;
            twoBack = previous;
            previous = current;
            current = spare;
        }

        return previous[b.Length];
    }
}
