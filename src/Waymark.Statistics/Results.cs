namespace Waymark.Statistics;

/// <summary>
/// What every analysis reports about the rows it used: complete cases only (listwise deletion of missing values,
/// R's <c>na.omit</c>), so <see cref="RowsUsed"/> plus <see cref="RowsDropped"/> is the table's row count.
/// Renderers (<see cref="Rendering.StatisticsJson"/>, <see cref="Rendering.HtmlReport"/>) take the concrete types.
/// </summary>
public interface IAnalysis
{
    /// <summary>Rows that entered the analysis.</summary>
    int RowsUsed { get; }

    /// <summary>Rows left out because a variable (or the weight) was missing.</summary>
    int RowsDropped { get; }

    /// <summary>What a reader of the figures should know (R's warnings among them), in words about the data.</summary>
    IReadOnlyList<string> Warnings { get; }
}

/// <summary>One category of a frequency table: its (weighted) count, percent of all rows and of the non-missing.</summary>
public sealed record FrequencyRow(string Value, double Count, double Percent, double ValidPercent);

/// <summary>
/// A frequency table (R's <c>table()</c> with percents). <paramref name="N"/> is the weighted number of
/// non-missing values and <paramref name="Missing"/> the weighted number of missing ones; the row counts are rows.
/// </summary>
public sealed record FrequencyTable(
    string Variable,
    IReadOnlyList<FrequencyRow> Rows,
    double N,
    double Missing,
    bool Weighted,
    int RowsUsed,
    int RowsDropped) : IAnalysis
{
    /// <summary>A frequency table has nothing to warn about.</summary>
    public IReadOnlyList<string> Warnings => [];
}

/// <summary>Odds ratio of a 2x2 table with Woolf's (log-scale Wald) 95% confidence interval.</summary>
public sealed record OddsRatio(double Estimate, double Low, double High);

/// <summary>Fisher's exact test of a 2x2 table, figure for figure as R's <c>fisher.test</c> (the conditional maximum-likelihood odds ratio and its 95% interval).</summary>
public sealed record FisherExactTest(
    double PTwoSided,
    double PLess,
    double PGreater,
    double ConditionalOddsRatio,
    double ConfidenceLow,
    double ConfidenceHigh);

/// <summary>
/// Descriptive statistics of a numeric column as R gives them: <c>mean</c>, <c>sd</c> (n - 1), the quartiles of
/// <c>quantile(type = 7)</c>, and the histogram R's <c>hist()</c> draws.
/// </summary>
public sealed record DescriptiveStatistics(
    string Variable,
    int N,
    int Missing,
    double Mean,
    double StandardDeviation,
    double Minimum,
    double LowerQuartile,
    double Median,
    double UpperQuartile,
    double Maximum,
    Histogram Histogram) : IAnalysis
{
    public int RowsUsed => N;

    public int RowsDropped => Missing;

    public IReadOnlyList<string> Warnings => [];
}

/// <summary>A histogram as R's <c>hist()</c> draws it: Sturges' number of classes, <c>pretty()</c> breaks, right-closed classes, the first also closed on the left.</summary>
public sealed record Histogram(IReadOnlyList<double> Breaks, IReadOnlyList<int> Counts);
