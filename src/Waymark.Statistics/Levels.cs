namespace Waymark.Statistics;

/// <summary>
/// The order of a categorical variable's levels, as R's factor() gives it after read.csv in the C locale:
/// a column whose every value is a number is numeric in R, so its levels sort by value ("9" before "10");
/// any other column sorts as text, ordinally (R's LC_COLLATE=C; see docs/statistics.md for other locales).
/// </summary>
internal static class Levels
{
    public static List<string> Sorted(IEnumerable<string> values)
    {
        var distinct = new HashSet<string>(values, StringComparer.Ordinal).ToList();
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var value in distinct)
        {
            if (!Cells.TryNumber(value, out var number))
            {
                distinct.Sort(StringComparer.Ordinal);
                return distinct;
            }

            numbers[value] = number;
        }

        distinct.Sort((a, b) =>
        {
            var byValue = numbers[a].CompareTo(numbers[b]);
            return byValue != 0 ? byValue : string.CompareOrdinal(a, b);
        });
        return distinct;
    }
}

/// <summary>
/// Codes the distinct values of a column in order of first appearance, looked up by span so that a
/// million cells cost no string each; <see cref="Sort"/> then gives R's level order.
/// </summary>
internal sealed class LevelIndex
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly List<string> _labels = [];

    public int Count => _labels.Count;

    public int Code(ReadOnlySpan<char> cell)
    {
        // Survey variables mostly have a handful of levels: comparing a few short spans beats hashing.
        if (_labels.Count <= 8)
        {
            for (var i = 0; i < _labels.Count; i++)
            {
                if (cell.SequenceEqual(_labels[i]))
                {
                    return i;
                }
            }
        }

        var lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(cell, out var code))
        {
            return code;
        }

        var label = cell.ToString();
        _codes[label] = _labels.Count;
        _labels.Add(label);
        return _labels.Count - 1;
    }

    /// <summary>
    /// The labels in R's order, and for each code its position in that order. With
    /// <paramref name="order"/> (a form's choice names), its levels come first in that order, seen or
    /// not (R's factor(x, levels = ...)), then any other value seen, in R's order.
    /// </summary>
    public (List<string> Labels, int[] Position) Sort(IReadOnlyList<string>? order = null)
    {
        List<string> sorted;
        if (order is null)
        {
            sorted = Levels.Sorted(_labels);
        }
        else
        {
            sorted = order.Distinct(StringComparer.Ordinal).ToList();
            var listed = sorted.ToHashSet(StringComparer.Ordinal);
            sorted.AddRange(Levels.Sorted(_labels.Where(l => !listed.Contains(l))));
            foreach (var label in sorted.Where(l => !_codes.ContainsKey(l)))
            {
                Code(label);
            }
        }

        var position = new int[_labels.Count];
        for (var i = 0; i < sorted.Count; i++)
        {
            position[_codes[sorted[i]]] = i;
        }

        return (sorted, position);
    }
}
