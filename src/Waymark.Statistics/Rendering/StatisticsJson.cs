using System.Text;
using System.Text.Json;

namespace Waymark.Statistics.Rendering;

/// <summary>
/// Writes analysis results as the JSON docs/statistics.md documents (the output of <c>waymark stats</c>): every
/// digit (the shortest round-trip form), non-finite numbers (an infinite Fisher CI limit, say) as null because
/// JSON has no Inf. Computation is elsewhere (<see cref="Analyse"/>); this only renders.
/// </summary>
public static class StatisticsJson
{
    /// <summary>Any result of <see cref="Analyse"/> as its JSON object.</summary>
    public static string Write(IAnalysis result) => result switch
    {
        FrequencyTable table => Write(table),
        CrossTabulation table => Write(table),
        DescriptiveStatistics statistics => Write(statistics),
        LogisticModel model => Write(model),
        _ => throw new ArgumentException($"No JSON shape for {result?.GetType().Name}.", nameof(result)),
    };

    /// <summary>A frequency table: n, missing, rows_used, rows_dropped and the levels with their counts and percents.</summary>
    public static string Write(FrequencyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Object(w =>
        {
            Number(w, "n", table.N);
            Number(w, "missing", table.Missing);
            Rows(w, table.RowsUsed, table.RowsDropped);
            w.WriteStartArray("levels");
            foreach (var row in table.Rows)
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

    /// <summary>A cross-tabulation: counts, percents, expected counts, residuals and every test (docs/statistics.md).</summary>
    public static string Write(CrossTabulation t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return Object(w =>
        {
            Number(w, "n", t.Total);
            Number(w, "missing", t.RowsDropped);
            Rows(w, t.RowsUsed, t.RowsDropped);
            Strings(w, "rows", t.RowLabels);
            Strings(w, "cols", t.ColumnLabels);
            Matrix(w, "counts", t.Observed);
            Matrix(w, "row_percents", t.RowPercents);
            Matrix(w, "col_percents", t.ColumnPercents);
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

            if (t.RelativeRisk is { } risk)
            {
                Number(w, "relative_risk", risk);
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

    /// <summary>Descriptive statistics: n, missing, mean, sd, min, q1, median, q3, max and the histogram's breaks and counts.</summary>
    public static string Write(DescriptiveStatistics d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return Object(w =>
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
            var histogram = d.Histogram;
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

    /// <summary>A logistic model: coefficients with Wald (ci) and, when profiled, profile-likelihood (ci_profile) intervals; deviance, AIC, warnings.</summary>
    public static string Write(LogisticModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return Object(w =>
        {
            Number(w, "n", m.N);
            Number(w, "missing", m.RowsDropped);
            Rows(w, m.RowsUsed, m.RowsDropped);
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
                if (m.Profiled)
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

    private static string Object(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
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

    /// <summary>Listwise deletion, reported: rows that entered the analysis and rows left out.</summary>
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
