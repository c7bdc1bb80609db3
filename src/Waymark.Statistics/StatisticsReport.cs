using Waymark.Statistics.Reporting;

namespace Waymark.Statistics;

/// <summary>
/// <c>waymark report</c>: reads a CSV and a findings.yaml, runs every listed analysis and writes one
/// self-contained, script-free HTML page. Returns null when written, otherwise a message naming the item.
/// </summary>
public static class StatisticsReport
{
    /// <summary><paramref name="levels"/>: column name to a form's choice names, the order of each variable's categories (a choice nobody picked kept in frequencies); null for R's default order.</summary>
    public static string? Write(string csvPath, string specPath, string outputPath, IReadOnlyDictionary<string, IReadOnlyList<string>>? levels = null)
    {
        var spec = ReportSpec.Load(specPath);
        if (!spec.IsSuccess)
        {
            return spec.Error;
        }

        var data = CsvData.Load(csvPath);
        if (!data.IsSuccess)
        {
            return data.Error;
        }

        var results = new List<(ReportItem, object)>();
        var items = spec.Value!.Items!;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            // "weight: none" on an item turns the spec's default weight off for it.
            var weight = item.Weight == "none" ? null : item.Weight ?? spec.Value.Weight;
            var result = item switch
            {
                { Freq: { } variable } => Box(Tabulation.Frequencies(data.Value!, variable, weight, levels?.GetValueOrDefault(variable))),
                { Crosstab: [var row, var column] } => Box(Tabulation.CrossTab(data.Value!, row, column, weight, levels)),
                _ => Box(LogisticRegression.Fit(data.Value!, item.Logit!, item.Predictors!, weight, item.Ref)),
            };
            if (!result.IsSuccess)
            {
                return $"{specPath}, item {i + 1} ({item.Name}): {result.Error}";
            }

            results.Add((item, result.Value!));
        }

        var html = HtmlReport.Render(spec.Value.Title ?? "Findings", Path.GetFileName(csvPath), results);
        try
        {
            File.WriteAllText(outputPath, html);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"Cannot write the report to '{outputPath}': {e.Message}";
        }

        return null;
    }

    private static Result<object> Box<T>(Result<T> result) where T : class =>
        result.Then(value => Result.Ok<object>(value));
}
