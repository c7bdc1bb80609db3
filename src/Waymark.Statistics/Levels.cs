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
            if (!CsvData.TryNumber(value, out var number))
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
