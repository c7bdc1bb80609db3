namespace Waymark.Statistics;

/// <summary>
/// The public entry point of Waymark.Statistics: analyses of a <see cref="Dataset"/> that return typed results
/// whose figures equal R's (docs/statistics.md). A column that does not exist, a weight that is not a
/// non-negative number or an outcome that is not binary is a failure with a message about the data; nothing
/// here formats or prints: the renderers in <see cref="Rendering"/> (JSON, HTML, SVG) and the hosts do.
/// Missing values are left out listwise; a row whose weight is missing is left out too.
/// </summary>
public static class Analyse
{
    /// <summary>
    /// A frequency table of <paramref name="variable"/> (R's <c>table()</c>); <paramref name="weight"/> names a
    /// column of frequency weights. Levels follow the column's level order when the table has one.
    /// </summary>
    public static Result<FrequencyTable> Frequencies(Dataset data, string variable, string? weight = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(variable);
        return Tabulation.Frequencies(data, variable, weight);
    }

    /// <summary>
    /// A cross-tabulation of <paramref name="row"/> by <paramref name="column"/> with every test (R's
    /// <c>chisq.test</c>, <c>fisher.test</c>); a level of the level order that nobody chose is named in
    /// <see cref="CrossTabulation.EmptyRows"/> / <see cref="CrossTabulation.EmptyColumns"/> and left out of the tests.
    /// </summary>
    public static Result<CrossTabulation> CrossTabulate(Dataset data, string row, string column, string? weight = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(column);
        return Tabulation.CrossTab(data, row, column, weight);
    }

    /// <summary>The tests of a table of (weighted) counts whose every row and column has a count: rows by columns.</summary>
    public static Result<CrossTabulation> CrossTabulate(IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, double[,] counts)
    {
        ArgumentNullException.ThrowIfNull(rowLabels);
        ArgumentNullException.ThrowIfNull(columnLabels);
        ArgumentNullException.ThrowIfNull(counts);
        if (rowLabels.Count != counts.GetLength(0) || columnLabels.Count != counts.GetLength(1))
        {
            throw new ArgumentException("One label per row and per column of the counts.", nameof(counts));
        }

        return ContingencyTable.Analyse(rowLabels, columnLabels, counts);
    }

    /// <summary>Descriptive statistics of a numeric column (R's mean, sd, quantile type 7) and its histogram (R's hist()).</summary>
    public static Result<DescriptiveStatistics> Describe(Dataset data, string variable)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(variable);
        return Descriptives.Of(data, variable);
    }

    /// <summary>
    /// Logistic regression of the binary <paramref name="outcome"/> on <paramref name="predictors"/> (R's
    /// <c>glm(family = binomial)</c>); a predictor with a value that is not a number is categorical, its first
    /// level in R's sorted order the reference unless <paramref name="references"/> (column to level) names
    /// another. Without <paramref name="profile"/> the profile-likelihood intervals are not computed: they cost
    /// about a dozen refits per coefficient.
    /// </summary>
    public static Result<LogisticModel> Logit(
        Dataset data,
        string outcome,
        IReadOnlyList<string> predictors,
        string? weight = null,
        IReadOnlyDictionary<string, string>? references = null,
        bool profile = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(predictors);
        return LogisticRegression.Fit(data, outcome, predictors, weight, references, profile);
    }
}
