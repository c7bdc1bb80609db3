namespace Waymark.Statistics;

/// <summary>
/// A contingency table with everything R's <c>chisq.test</c> and <c>fisher.test</c> report for it: observed and
/// expected counts, standardised residuals, Pearson's chi-square (with Yates' correction for 2x2), the
/// likelihood-ratio G test, Cramér's V; for 2x2 tables Woolf's odds ratio, the relative risk and Fisher's
/// exact test (whole-number counts only). <paramref name="Total"/> is the weighted N.
/// </summary>
public sealed record CrossTabulation(
    IReadOnlyList<string> RowLabels,
    IReadOnlyList<string> ColumnLabels,
    double[,] Observed,
    double[,] Expected,
    double[,] StandardisedResiduals,
    double Total,
    double ChiSquare,
    int DegreesOfFreedom,
    double P,
    double? ChiSquareYates,
    double? PYates,
    double LikelihoodRatio,
    double PLikelihoodRatio,
    double CramersV,
    OddsRatio? OddsRatio,
    FisherExactTest? Fisher) : IAnalysis
{
    /// <summary>The row variable's name (empty for a table made from counts).</summary>
    public string RowVariable { get; init; } = "";

    /// <summary>The column variable's name (empty for a table made from counts).</summary>
    public string ColumnVariable { get; init; } = "";

    /// <summary>Rows that entered the table (listwise deletion of missing values).</summary>
    public int RowsUsed { get; init; }

    /// <summary>Rows left out because a variable or the weight was missing.</summary>
    public int RowsDropped { get; init; }

    /// <summary>Row categories of the level order that nobody chose: left out of the table and the tests.</summary>
    public IReadOnlyList<string> EmptyRows { get; init; } = [];

    /// <summary>Column categories of the level order that nobody chose: left out of the table and the tests.</summary>
    public IReadOnlyList<string> EmptyColumns { get; init; } = [];

    /// <summary>What a reader of the figures should know: R's chi-square warning, categories left out.</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            var warnings = new List<string>();
            if (Expected.Cast<double>().Any(e => e < 5))
            {
                // R's chisq.test warns "Chi-squared approximation may be incorrect" in this case.
                warnings.Add(SmallExpectedWarning);
            }

            if (EmptyRows.Count + EmptyColumns.Count > 0)
            {
                warnings.Add($"Nobody chose {string.Join(", ", EmptyRows.Concat(EmptyColumns).Select(l => $"'{l}'"))}: left out of the table's tests (a category without answers has no expected count).");
            }

            return warnings;
        }
    }

    /// <summary>Percent of each row's total in each cell.</summary>
    public double[,] RowPercents => Percents(byRow: true);

    /// <summary>Percent of each column's total in each cell.</summary>
    public double[,] ColumnPercents => Percents(byRow: false);

    /// <summary>In a 2x2 table, the risk of the first column category in the first row relative to the second row; otherwise null.</summary>
    public double? RelativeRisk => Observed is var o && o.GetLength(0) == 2 && o.GetLength(1) == 2
        ? o[0, 0] / (o[0, 0] + o[0, 1]) / (o[1, 0] / (o[1, 0] + o[1, 1]))
        : null;

    /// <summary>R's chi-square warning when an expected count is below 5, in these words.</summary>
    public const string SmallExpectedWarning = "Some expected counts are below 5: the chi-square approximation may be incorrect; prefer Fisher's exact test for 2x2 tables.";

    private double[,] Percents(bool byRow)
    {
        var (rows, cols) = (Observed.GetLength(0), Observed.GetLength(1));
        var percents = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                var margin = 0.0;
                for (var k = 0; k < (byRow ? cols : rows); k++)
                {
                    margin += byRow ? Observed[i, k] : Observed[k, j];
                }

                percents[i, j] = 100 * Observed[i, j] / margin;
            }
        }

        return percents;
    }
}

/// <summary>The tests of a contingency table of counts (R's chisq.test, fisher.test, Woolf's odds ratio).</summary>
internal static class ContingencyTable
{
    public static Result<CrossTabulation> Analyse(IReadOnlyList<string> rows, IReadOnlyList<string> columns, double[,] observed)
    {
        var r = observed.GetLength(0);
        var c = observed.GetLength(1);
        if (r < 2 || c < 2)
        {
            return Result.Fail<CrossTabulation>($"A cross-tabulation needs at least two categories in each variable; found {r} row and {c} column categories.");
        }

        var rowSums = new double[r];
        var colSums = new double[c];
        var total = 0.0;
        for (var i = 0; i < r; i++)
        {
            for (var j = 0; j < c; j++)
            {
                rowSums[i] += observed[i, j];
                colSums[j] += observed[i, j];
                total += observed[i, j];
            }
        }

        if (rowSums.Any(s => s <= 0) || colSums.Any(s => s <= 0))
        {
            return Result.Fail<CrossTabulation>("Every row and column category needs at least one observation; drop empty categories first.");
        }

        var expected = new double[r, c];
        var stdres = new double[r, c];
        double chi = 0, yates = 0, g = 0;
        for (var i = 0; i < r; i++)
        {
            for (var j = 0; j < c; j++)
            {
                // R computes E = outer(sr, sc) / n; same order of operations keeps the last bits equal.
                var e = rowSums[i] * colSums[j] / total;
                expected[i, j] = e;
                var o = observed[i, j];
                chi += (o - e) * (o - e) / e;
                var correction = Math.Min(0.5, Math.Abs(o - e));
                yates += (Math.Abs(o - e) - correction) * (Math.Abs(o - e) - correction) / e;
                if (o > 0)
                {
                    g += o * Math.Log(o / e);
                }

                stdres[i, j] = (o - e) / Math.Sqrt(e * (1 - (rowSums[i] / total)) * (1 - (colSums[j] / total)));
            }
        }

        g *= 2;
        var df = (r - 1) * (c - 1);
        var is2x2 = r == 2 && c == 2;
        OddsRatio? odds = null;
        FisherExactTest? fisher = null;
        if (is2x2)
        {
            var (a, b, cc, d) = (observed[0, 0], observed[0, 1], observed[1, 0], observed[1, 1]);
            odds = Woolf(a, b, cc, d);
            if (IsWholeNumbers(observed))
            {
                fisher = FisherExact.Test(a, b, cc, d);
            }
        }

        return Result.Ok<CrossTabulation>(new CrossTabulation(
            rows,
            columns,
            observed,
            expected,
            stdres,
            total,
            chi,
            df,
            SpecialFunctions.ChiSquareUpper(chi, df),
            is2x2 ? yates : null,
            is2x2 ? SpecialFunctions.ChiSquareUpper(yates, df) : null,
            g,
            SpecialFunctions.ChiSquareUpper(g, df),
            Math.Sqrt(chi / (total * (Math.Min(r, c) - 1))),
            odds,
            fisher));
    }

    private static OddsRatio? Woolf(double a, double b, double c, double d)
    {
        if (a == 0 || b == 0 || c == 0 || d == 0)
        {
            // Woolf's interval is undefined with an empty cell; Fisher's conditional estimate still reports.
            return null;
        }

        var or = a * d / (b * c);
        var se = Math.Sqrt((1 / a) + (1 / b) + (1 / c) + (1 / d));
        var z = SpecialFunctions.NormalQuantile(0.975);
        return new OddsRatio(or, Math.Exp(Math.Log(or) - (z * se)), Math.Exp(Math.Log(or) + (z * se)));
    }

    private static bool IsWholeNumbers(double[,] table)
    {
        foreach (var value in table)
        {
            if (value != Math.Floor(value))
            {
                return false;
            }
        }

        return true;
    }
}
