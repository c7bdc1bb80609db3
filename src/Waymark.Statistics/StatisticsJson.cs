using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Waymark.Statistics;

/// <summary>What a statistics command produced: JSON on success, otherwise a message for the user.</summary>
public sealed record StatisticsOutput(string? Json, string? Error)
{
    /// <summary>Time spent reading the CSV, and on the analysis and its JSON (for benchmarks: --timing).</summary>
    public TimeSpan ReadTime { get; init; }

    public TimeSpan AnalysisTime { get; init; }
}

/// <summary>
/// The public entry point of Waymark.Statistics: reads a CSV and returns the JSON shapes docs/statistics.md documents.
/// Non-finite numbers (an infinite Fisher CI limit, say) are written as null because JSON has no Inf.
/// </summary>
public static class StatisticsJson
{
    /// <summary>
    /// A frequency table; <paramref name="levels"/> (column name to a form's choice names, in the form's
    /// order) orders the levels and keeps those nobody chose, with a count of zero.
    /// </summary>
    public static StatisticsOutput Frequencies(string csvPath, string variable, string? weight, IReadOnlyDictionary<string, IReadOnlyList<string>>? levels = null)
    {
        return Timed(csvPath, data => Tabulation.Frequencies(data, variable, weight, levels?.GetValueOrDefault(variable)), (w, frequencies) =>
        {
            Number(w, "n", frequencies.N);
            Number(w, "missing", frequencies.Missing);
            Rows(w, frequencies.RowsUsed, frequencies.RowsDropped);
            w.WriteStartArray("levels");
            foreach (var row in frequencies.Rows)
            {
                w.WriteStartObject();
                w.WriteString("value", row.Value);
                Number(w, "count", row.Count);
                Number(w, "percent", row.Percent);
                Number(w, "valid_percent", row.ValidPercent);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>
    /// A cross-tabulation; <paramref name="levels"/> (column name to a form's choice names) orders the
    /// categories; those nobody chose are listed as empty_rows and empty_cols, out of the tests.
    /// </summary>
    public static StatisticsOutput CrossTab(string csvPath, string row, string column, string? weight, IReadOnlyDictionary<string, IReadOnlyList<string>>? levels = null)
    {
        return Timed(csvPath, data => Tabulation.CrossTab(data, row, column, weight, levels), (w, t) =>
        {
            Number(w, "n", t.Total);
            Number(w, "missing", t.RowsDropped);
            Rows(w, t.RowsUsed, t.RowsDropped);
            Strings(w, "rows", t.RowLabels);
            Strings(w, "cols", t.ColumnLabels);
            Matrix(w, "counts", t.Observed);
            Matrix(w, "row_percents", Percents(t.Observed, byRow: true));
            Matrix(w, "col_percents", Percents(t.Observed, byRow: false));
            Matrix(w, "expected", t.Expected);
            Matrix(w, "std_residuals", t.StandardisedResiduals);
            Test(w, "chi_square", t.ChiSquare, t.DegreesOfFreedom, t.P);
            Test(w, "g_test", t.LikelihoodRatio, t.DegreesOfFreedom, t.PLikelihoodRatio);
            Number(w, "cramers_v", t.CramersV);
            if (t.ChiSquareYates is { } yates)
            {
                Test(w, "chi_square_yates", yates, t.DegreesOfFreedom, t.PYates!.Value);
            }

            if (t.OddsRatio is { } odds)
            {
                w.WriteStartObject("odds_ratio");
                Number(w, "estimate", odds.Estimate);
                Interval(w, odds.Low, odds.High);
                w.WriteEndObject();
            }

            if (t.Observed.GetLength(0) == 2 && t.Observed.GetLength(1) == 2)
            {
                // Risk of the first column category in the first row relative to the second row.
                var o = t.Observed;
                Number(w, "relative_risk", o[0, 0] / (o[0, 0] + o[0, 1]) / (o[1, 0] / (o[1, 0] + o[1, 1])));
            }

            if (t.Fisher is { } fisher)
            {
                w.WriteStartObject("fisher_exact");
                Number(w, "p", fisher.PTwoSided);
                Number(w, "p_less", fisher.PLess);
                Number(w, "p_greater", fisher.PGreater);
                Number(w, "odds_ratio", fisher.ConditionalOddsRatio);
                Interval(w, fisher.ConfidenceLow, fisher.ConfidenceHigh);
                w.WriteEndObject();
            }

            if (t.EmptyRows.Count > 0)
            {
                Strings(w, "empty_rows", t.EmptyRows);
            }

            if (t.EmptyColumns.Count > 0)
            {
                Strings(w, "empty_cols", t.EmptyColumns);
            }

            if (t.Warnings.Count > 0)
            {
                Strings(w, "warnings", t.Warnings);
            }
        });
    }

    /// <summary>Descriptive statistics of a numeric column (R's mean, sd, quantile type 7) and hist()'s breaks and counts.</summary>
    public static StatisticsOutput Describe(string csvPath, string variable)
    {
        return Timed(csvPath, data => Descriptives.Of(data, variable), (w, d) =>
        {
            w.WriteNumber("n", d.N);
            w.WriteNumber("missing", d.Missing);
            Number(w, "mean", d.Mean);
            Number(w, "sd", d.StandardDeviation);
            Number(w, "min", d.Minimum);
            Number(w, "q1", d.LowerQuartile);
            Number(w, "median", d.Median);
            Number(w, "q3", d.UpperQuartile);
            Number(w, "max", d.Maximum);
            var histogram = Descriptives.HistogramOf(d.Sorted);
            w.WriteStartObject("histogram");
            w.WriteStartArray("breaks");
            foreach (var value in histogram.Breaks)
            {
                NumberValue(w, value);
            }

            w.WriteEndArray();
            w.WriteStartArray("counts");
            foreach (var count in histogram.Counts)
            {
                w.WriteNumberValue(count);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// Logistic regression; <paramref name="references"/> holds "column=level" choices of reference level.
    /// Without <paramref name="profile"/> the profile-likelihood intervals (ci_profile) are left out: they cost
    /// about a dozen refits per coefficient.
    /// </summary>
    public static StatisticsOutput Logit(
        string csvPath,
        string outcome,
        IReadOnlyList<string> predictors,
        string? weight = null,
        IReadOnlyList<string>? references = null,
        bool profile = true)
    {
        ArgumentNullException.ThrowIfNull(predictors);
        var chosen = ParseReferences(references);
        if (!chosen.IsSuccess)
        {
            return new StatisticsOutput(null, chosen.Error);
        }

        return Timed(csvPath, data => LogisticRegression.Fit(data, outcome, predictors, weight, chosen.Value, profile), (w, m) =>
        {
            Number(w, "n", m.N);
            Number(w, "missing", m.DroppedMissing);
            Rows(w, m.RowsUsed, m.DroppedMissing);
            w.WriteString("success", m.Success);
            w.WriteStartArray("coefficients");
            foreach (var c in m.Coefficients)
            {
                w.WriteStartObject();
                w.WriteString("term", c.Term);
                Number(w, "estimate", c.Estimate);
                Number(w, "se", c.StandardError);
                Number(w, "z", c.Z);
                Number(w, "p", c.P);
                Number(w, "odds_ratio", c.OddsRatio);
                Interval(w, c.Low, c.High);
                if (profile)
                {
                    w.WriteStartArray("ci_profile");
                    NumberValue(w, c.Profile is { Lower.IsSuccess: true } ? Math.Exp(c.Profile.Lower.Value) : double.NaN);
                    NumberValue(w, c.Profile is { Upper.IsSuccess: true } ? Math.Exp(c.Profile.Upper.Value) : double.NaN);
                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            Number(w, "deviance", m.Deviance);
            Number(w, "null_deviance", m.NullDeviance);
            Number(w, "aic", m.Aic);
            Number(w, "iterations", m.Iterations);
            Strings(w, "warnings", m.Warnings);
        });
    }

    /// <summary>Reads <c>--ref COLUMN=LEVEL</c> options.</summary>
    private static Result<Dictionary<string, string>> ParseReferences(IReadOnlyList<string>? references)
    {
        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reference in references ?? [])
        {
            var equals = reference.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return Result.Fail<Dictionary<string, string>>($"Reference '{reference}' should read COLUMN=LEVEL, for example --ref region=North.");
            }

            chosen[reference[..equals]] = reference[(equals + 1)..];
        }

        return Result.Ok<Dictionary<string, string>>(chosen);
    }

    /// <summary>Loads the CSV, runs the analysis and renders it, timing the two parts apart.</summary>
    private static StatisticsOutput Timed<T>(string csvPath, Func<CsvData, Result<T>> analyse, Action<Utf8JsonWriter, T> body)
    {
        var start = Stopwatch.GetTimestamp();
        var data = CsvData.Load(csvPath);
        var read = Stopwatch.GetElapsedTime(start);
        var output = Render(data.Then(analyse), body);
        return output with { ReadTime = read, AnalysisTime = Stopwatch.GetElapsedTime(start) - read };
    }

    /// <summary>The failure's message, or the success written as one JSON object.</summary>
    private static StatisticsOutput Render<T>(Result<T> result, Action<Utf8JsonWriter, T> body) =>
        result.IsSuccess ? Write(w => body(w, result.Value!)) : new StatisticsOutput(null, result.Error);

    private static StatisticsOutput Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return new StatisticsOutput(Encoding.UTF8.GetString(stream.ToArray()), null);
    }

    // Utf8JsonWriter prints the shortest round-trip form, so every digit R could compare survives.
    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void NumberValue(Utf8JsonWriter w, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumberValue(value);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    /// <summary>Listwise deletion, reported: CSV data rows that entered the analysis and rows left out.</summary>
    private static void Rows(Utf8JsonWriter w, int used, int dropped)
    {
        w.WriteNumber("rows_used", used);
        w.WriteNumber("rows_dropped", dropped);
    }

    private static void Interval(Utf8JsonWriter w, double low, double high)
    {
        w.WriteStartArray("ci");
        NumberValue(w, low);
        NumberValue(w, high);
        w.WriteEndArray();
    }

    private static void Test(Utf8JsonWriter w, string name, double statistic, int df, double p)
    {
        w.WriteStartObject(name);
        Number(w, "statistic", statistic);
        w.WriteNumber("df", df);
        Number(w, "p", p);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static double[,] Percents(double[,] counts, bool byRow)
    {
        var (rows, cols) = (counts.GetLength(0), counts.GetLength(1));
        var percents = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                var margin = 0.0;
                for (var k = 0; k < (byRow ? cols : rows); k++)
                {
                    margin += byRow ? counts[i, k] : counts[k, j];
                }

                percents[i, j] = 100 * counts[i, j] / margin;
            }
        }

        return percents;
    }

    private static void Matrix(Utf8JsonWriter w, string name, double[,] values)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < values.GetLength(0); i++)
        {
            w.WriteStartArray();
            for (var j = 0; j < values.GetLength(1); j++)
            {
                NumberValue(w, values[i, j]);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
