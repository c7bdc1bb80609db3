namespace Waymark.Statistics.Reporting;

/// <summary>One analysis of a findings report: its heading and its typed result.</summary>
public sealed record Finding(string Title, IAnalysis Result);

/// <summary>The analyses a findings spec lists, in order, computed on one table (<see cref="FindingsReport.Run"/>).</summary>
public sealed record Findings(string Title, string DataName, IReadOnlyList<Finding> Items);

/// <summary>
/// <c>findings.yaml</c> (docs/statistics.md): a title, an optional default weight and a list of frequency
/// tables, cross-tabulations and logistic models. <see cref="Run"/> computes them; a renderer
/// (<see cref="Rendering.HtmlReport"/>) draws them.
/// </summary>
public static class FindingsReport
{
    /// <summary>The survey exports' column of the form version a response was given in: a report of such data counts the responses by it first.</summary>
    public const string VersionColumn = "form_version";

    /// <summary>
    /// Runs every analysis <paramref name="specYaml"/> lists on <paramref name="data"/>. A bad spec (unknown key,
    /// an item with no or two analyses) or an analysis that fails is a failure naming
    /// <paramref name="specSource"/> and the item: <c>findings.yaml, item 2 (crosstab contact by zorblat): ...</c>.
    /// </summary>
    public static Result<Findings> Run(Dataset data, string dataName, string specYaml, string specSource)
    {
        ArgumentNullException.ThrowIfNull(data);
        var spec = ReportSpec.Parse(specYaml ?? throw new ArgumentNullException(nameof(specYaml)), specSource);
        if (!spec.IsSuccess)
        {
            return Result.Fail<Findings>(spec.Error!);
        }

        var findings = new List<Finding>();
        var items = spec.Value!.Items!;
        if (data.Columns.Contains(VersionColumn, StringComparer.Ordinal) && !items.Any(i => i.Freq == VersionColumn)
            && Analyse.Frequencies(data, VersionColumn, null) is { IsSuccess: true } versions)
        {
            // A survey export says which form version each response was given in: the counts per version come first.
            findings.Add(new Finding("Responses by form version", versions.Value!));
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            // "weight: none" on an item turns the spec's default weight off for it.
            var weight = item.Weight == "none" ? null : item.Weight ?? spec.Value.Weight;
            var result = item switch
            {
                { Freq: { } variable } => Analyse.Frequencies(data, variable, weight).Map(Finding(item.Title ?? $"Frequencies of {variable}")),
                { Crosstab: [var row, var column] } => Analyse.CrossTabulate(data, row, column, weight).Map(Finding(item.Title ?? $"{row} by {column}")),
                _ => Analyse.Logit(data, item.Logit!, item.Predictors!, weight, item.Ref).Map(Finding(item.Title ?? $"Logistic regression of {item.Logit}")),
            };
            if (!result.IsSuccess)
            {
                return Result.Fail<Findings>($"{specSource}, item {i + 1} ({item.Name}): {result.Error}");
            }

            findings.Add(result.Value!);
        }

        return Result.Ok(new Findings(spec.Value.Title ?? "Findings", dataName, findings));
    }

    private static Func<IAnalysis, Finding> Finding(string title) => result => new Finding(title, result);
}
