namespace Waymark.Web.Analysis;

/// <summary>
/// Small-cell suppression of the console's tables: a count of 1 to 4 can point at one respondent, so
/// the console shows it as "&lt;5" (its percent and residual too), and hides one more cell of the
/// same row or column where a shown total would give a single hidden count back (secondary
/// suppression). Zero stays shown. The exports keep every count: the researcher works on the raw data.
/// </summary>
internal static class SmallCells
{
    public const int Threshold = 5;

    public const string Shown = "<5";

    public static bool IsSmall(double count) => count > 0 && count < Threshold;

    /// <summary>Which counts of a one-way table to hide (the total of the table is shown).</summary>
    public static bool[] Hidden(IReadOnlyList<double> counts)
    {
        var matrix = new double[1, counts.Count];
        for (var i = 0; i < counts.Count; i++)
        {
            matrix[0, i] = counts[i];
        }

        var hidden = Hidden(matrix, columnsTotalled: false);
        return Enumerable.Range(0, counts.Count).Select(i => hidden[0, i]).ToArray();
    }

    /// <summary>
    /// Which cells of a table to hide: the small ones, then (until nothing changes) the smallest other
    /// non-zero cell of any row, and of any column when column totals are shown, that hides exactly one.
    /// </summary>
    public static bool[,] Hidden(double[,] counts, bool columnsTotalled = true)
    {
        var (rows, cols) = (counts.GetLength(0), counts.GetLength(1));
        var hidden = new bool[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                hidden[i, j] = IsSmall(counts[i, j]);
            }
        }

        bool changed;
        do
        {
            changed = false;
            for (var i = 0; i < rows; i++)
            {
                changed |= HideSecond(Enumerable.Range(0, cols).Select(j => (i, j)).ToList(), counts, hidden);
            }

            if (columnsTotalled)
            {
                for (var j = 0; j < cols; j++)
                {
                    changed |= HideSecond(Enumerable.Range(0, rows).Select(i => (i, j)).ToList(), counts, hidden);
                }
            }
        }
        while (changed);
        return hidden;
    }

    /// <summary>Whether any cell is hidden.</summary>
    public static bool Any(bool[,] hidden) => hidden.Cast<bool>().Any(h => h);

    private static bool HideSecond(List<(int Row, int Column)> line, double[,] counts, bool[,] hidden)
    {
        if (line.Count(c => hidden[c.Row, c.Column]) != 1)
        {
            return false;
        }

        var candidates = line.Where(c => !hidden[c.Row, c.Column] && counts[c.Row, c.Column] > 0).ToList();
        if (candidates.Count == 0)
        {
            return false;
        }

        var smallest = candidates.MinBy(c => counts[c.Row, c.Column]);
        hidden[smallest.Row, smallest.Column] = true;
        return true;
    }
}
