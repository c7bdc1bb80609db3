namespace Waymark.Statistics;

/// <summary>
/// A model's binary outcome read as R's glm reads it after read.csv: numbers must be 0 or 1; a column of
/// read.csv's logical words (TRUE/FALSE, T/F) is logical with TRUE as success; any other
/// column is a factor of two levels whose second level in R's order (<see cref="Levels.Sorted"/>) is
/// success, as binomial() takes every level after the first.
/// </summary>
internal sealed record Outcome(double[] Values, string Success)
{
    // read.csv's logical words (type.convert); "true" and "yes" stay text, a factor.
    private static readonly string[] TrueWords = ["TRUE", "T"];
    private static readonly string[] FalseWords = ["FALSE", "F"];

    public static Result<Outcome> Read(Dataset data, List<int> complete, int column, string name)
    {
        var values = new double[complete.Count];
        var numeric = true;
        var logical = true;
        var index = new LevelIndex();
        for (var k = 0; k < complete.Count; k++)
        {
            var cell = data.Cell(complete[k], column);
            numeric = numeric && Cells.TryNumber(cell, out values[k]);
            logical = logical && (IsWord(cell, TrueWords) || IsWord(cell, FalseWords));
            index.Code(cell);
        }

        if (numeric)
        {
            var bad = Array.FindIndex(values, v => v is not (0 or 1));
            return bad < 0
                ? Result.Ok<Outcome>(new Outcome(values, "1"))
                : Result.Fail<Outcome>($"Response '{name}', data row {complete[bad] + 1}: '{data.Cell(complete[bad], column).ToString()}' must be 0 or 1 (or the column two categories, such as no/yes, or TRUE/FALSE).");
        }

        if (logical)
        {
            for (var k = 0; k < complete.Count; k++)
            {
                values[k] = IsWord(data.Cell(complete[k], column), TrueWords) ? 1 : 0;
            }

            return Result.Ok<Outcome>(new Outcome(values, "TRUE"));
        }

        var (levels, _) = index.Sort();
        if (levels.Count != 2)
        {
            return Result.Fail<Outcome>(
                $"Response '{name}' must be 0/1, TRUE/FALSE or have exactly two categories; it has {levels.Count}: {string.Join(", ", levels.Take(10))}{(levels.Count > 10 ? ", ..." : "")}. " +
                "Recode it to two categories (R's glm would count every category after the first as success).");
        }

        for (var k = 0; k < complete.Count; k++)
        {
            values[k] = data.Cell(complete[k], column).SequenceEqual(levels[1]) ? 1 : 0;
        }

        return Result.Ok<Outcome>(new Outcome(values, levels[1]));
    }

    private static bool IsWord(ReadOnlySpan<char> cell, string[] words)
    {
        foreach (var word in words)
        {
            if (cell.SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }
}
