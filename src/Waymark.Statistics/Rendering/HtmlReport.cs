using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;

using Waymark.Statistics.Reporting;

namespace Waymark.Statistics.Rendering;

/// <summary>
/// Renders <see cref="Findings"/> as one self-contained HTML page: every table, test and chart, no script, no
/// external resource, styles in one style element (the report is a file to open or send, not a page the server
/// serves). Figures are rounded for reading (<see cref="NumberFormat"/>); the JSON carries every digit.
/// </summary>
public sealed class HtmlReport
{
    private const string Style = """
        body { font-family: system-ui, sans-serif; color: #1a1a1a; background: #ffffff; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
        table { border-collapse: collapse; margin: 1rem 0; }
        caption { text-align: left; font-weight: bold; padding-bottom: 0.25rem; }
        th, td { border: 1px solid #8a8a8a; padding: 0.25rem 0.5rem; text-align: right; }
        th[scope="row"], thead th:first-child { text-align: left; }
        figure { margin: 1rem 0; }
        figcaption { font-style: italic; }
        svg { max-width: 100%; height: auto; }
        dl { display: grid; grid-template-columns: max-content auto; gap: 0.25rem 1rem; }
        dt { font-weight: bold; }
        dd { margin: 0; }
        .warning { border-left: 4px solid #8a2d1c; padding-left: 0.5rem; }
        section { border-top: 1px solid #8a8a8a; margin-top: 2rem; }
        """;

    private readonly StringBuilder _html = new();
    private int _figures;

    private HtmlReport()
    {
    }

    /// <summary>The page of <paramref name="findings"/>, one section per finding.</summary>
    public static string Render(Findings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var report = new HtmlReport();
        report.Page(findings.Title, findings.DataName, findings.Items);
        return report._html.ToString();
    }

    private void Page(string title, string dataName, IReadOnlyList<Finding> results)
    {
        Line("<!DOCTYPE html>");
        Line("<html lang=\"en\">");
        Line($"<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{E(title)}</title><style>{Style}</style></head>");
        Line("<body><main>");
        Line($"<h1>{E(title)}</h1>");
        Line($"<p>Data: {E(dataName)}. Figures computed by Waymark as R computes them (docs/statistics.md); missing values are removed listwise.</p>");
        for (var i = 0; i < results.Count; i++)
        {
            var (heading, result) = results[i];
            var id = $"item-{i + 1}";
            Line($"<section aria-labelledby=\"{id}\">");
            switch (result)
            {
                case FrequencyTable table:
                    Frequencies(id, heading, table);
                    break;
                case CrossTabulation table:
                    CrossTab(id, heading, table);
                    break;
                case LogisticModel model:
                    Logit(id, heading, model);
                    break;
                default:
                    throw new ArgumentException($"No report section for {result.GetType().Name}.", nameof(results));
            }

            Line("</section>");
        }

        Line("</main></body>");
        Line("</html>");
    }

    private void Frequencies(string id, string title, FrequencyTable t)
    {
        Line($"<h2 id=\"{id}\">{E(title)}</h2>");
        Line($"<table><caption>{E(t.Variable)}{(t.Weighted ? " (weighted)" : "")}</caption>");
        Line("<thead><tr><th scope=\"col\">Value</th><th scope=\"col\">Count</th><th scope=\"col\">Percent</th><th scope=\"col\">Valid percent</th></tr></thead><tbody>");
        foreach (var row in t.Rows)
        {
            Line($"<tr><th scope=\"row\">{E(row.Value)}</th><td>{Count(row.Count)}</td><td>{Percent(row.Percent)}</td><td>{Percent(row.ValidPercent)}</td></tr>");
        }

        var total = t.N + t.Missing;
        Line($"<tr><th scope=\"row\">Missing</th><td>{Count(t.Missing)}</td><td>{Percent(total > 0 ? 100 * t.Missing / total : double.NaN)}</td><td></td></tr>");
        Line($"</tbody><tfoot><tr><th scope=\"row\">Total</th><td>{Count(total)}</td><td>100.0%</td><td></td></tr></tfoot></table>");
        RowsLine(t.RowsUsed, t.RowsDropped);
        Figure(SvgChart.FrequencyBars(t, $"{id}-chart", title), $"{title}: valid answers (N = {Count(t.N)}).");
    }

    private void CrossTab(string id, string title, CrossTabulation t)
    {
        Line($"<h2 id=\"{id}\">{E(title)}</h2>");
        var rows = t.RowLabels.Count;
        var cols = t.ColumnLabels.Count;
        Line($"<table><caption>Counts and row percents: {E(t.RowVariable)} (rows) by {E(t.ColumnVariable)} (columns)</caption>");
        _html.Append("<thead><tr><th scope=\"col\">").Append(E(t.RowVariable)).Append("</th>");
        foreach (var label in t.ColumnLabels)
        {
            _html.Append("<th scope=\"col\">").Append(E(label)).Append("</th>");
        }

        Line("<th scope=\"col\">Total</th></tr></thead><tbody>");
        for (var i = 0; i < rows; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < cols; j++)
            {
                sum += t.Observed[i, j];
            }

            _html.Append("<tr><th scope=\"row\">").Append(E(t.RowLabels[i])).Append("</th>");
            for (var j = 0; j < cols; j++)
            {
                _html.Append("<td>").Append(Count(t.Observed[i, j])).Append(" (").Append(Percent(100 * t.Observed[i, j] / sum)).Append(")</td>");
            }

            Line($"<td>{Count(sum)}</td></tr>");
        }

        Line($"</tbody><tfoot><tr><th scope=\"row\">Total</th>{string.Concat(Enumerable.Range(0, cols).Select(j => $"<td>{Count(Enumerable.Range(0, rows).Sum(i => t.Observed[i, j]))}</td>"))}<td>{Count(t.Total)}</td></tr></tfoot></table>");
        RowsLine(t.RowsUsed, t.RowsDropped);
        Line("<dl>");
        Term("Pearson chi-square", $"χ²({t.DegreesOfFreedom}) = {Fixed(t.ChiSquare)}, p = {P(t.P)}");
        if (t.ChiSquareYates is { } yates)
        {
            Term("With Yates' continuity correction", $"χ²({t.DegreesOfFreedom}) = {Fixed(yates)}, p = {P(t.PYates!.Value)}");
        }

        Term("Likelihood-ratio (G) test", $"G({t.DegreesOfFreedom}) = {Fixed(t.LikelihoodRatio)}, p = {P(t.PLikelihoodRatio)}");
        Term("Cramér's V", Fixed(t.CramersV));
        if (t.OddsRatio is { } odds)
        {
            Term("Odds ratio (Woolf 95% CI)", $"{Fixed(odds.Estimate)} ({Fixed(odds.Low)} to {Fixed(odds.High)})");
        }

        if (t.RelativeRisk is { } risk)
        {
            Term($"Relative risk of {t.ColumnLabels[0]}, {t.RowLabels[0]} vs {t.RowLabels[1]}", Fixed(risk));
        }

        if (t.Fisher is { } f)
        {
            Term("Fisher's exact test", $"p = {P(f.PTwoSided)} (two-sided); one-sided p = {P(f.PLess)} (less), {P(f.PGreater)} (greater)");
            Term("Conditional ML odds ratio (95% CI)", $"{Fixed(f.ConditionalOddsRatio)} ({Fixed(f.ConfidenceLow)} to {Fixed(f.ConfidenceHigh)})");
        }

        Line("</dl>");
        Warnings(t.Warnings);

        Figure(SvgChart.StackedRowPercents(t, $"{id}-chart", title), $"{title}: row percents (N = {Count(t.Total)}).");
    }

    private void Logit(string id, string title, LogisticModel m)
    {
        Line($"<h2 id=\"{id}\">{E(title)}</h2>");
        Line($"<table><caption>Logistic regression of {E(m.Outcome)} on {E(string.Join(", ", m.Predictors))}</caption>");
        Line("<thead><tr><th scope=\"col\">Term</th><th scope=\"col\">Estimate</th><th scope=\"col\">SE</th><th scope=\"col\">z</th><th scope=\"col\">p</th><th scope=\"col\">Odds ratio</th><th scope=\"col\">95% CI (profile likelihood)</th><th scope=\"col\">95% CI (Wald)</th></tr></thead><tbody>");
        foreach (var c in m.Coefficients)
        {
            Line($"<tr><th scope=\"row\">{E(c.Term)}</th><td>{Fixed(c.Estimate)}</td><td>{Fixed(c.StandardError)}</td><td>{Fixed(c.Z)}</td><td>{P(c.P)}</td><td>{Fixed(c.OddsRatio)}</td><td>{ProfileLimits(c.Profile)}</td><td>{Fixed(c.Low)} to {Fixed(c.High)}</td></tr>");
        }

        Line("</tbody></table>");
        Line("<p>Confidence intervals of the odds ratios: profile likelihood as R's <code>confint()</code> gives them (exact limits, where R interpolates), " +
            "and Wald (estimate ± 1.96 SE, R's <code>confint.default()</code>). A limit the profile does not reach is shown as –.</p>");
        RowsLine(m.RowsUsed, m.RowsDropped);
        Line("<dl>");
        Term("N (weighted)", Count(m.N));
        Term("Deviance", Fixed(m.Deviance));
        Term("Null deviance", Fixed(m.NullDeviance));
        Term("AIC", Fixed(m.Aic));
        Term("Fisher scoring iterations", m.Iterations.ToString(CultureInfo.InvariantCulture));
        Line("</dl>");
        Warnings(m.Warnings);
    }

    private void RowsLine(int used, int dropped) =>
        Line($"<p>Rows used: {Count(used)}; rows dropped for missing values: {Count(dropped)}.</p>");

    private void Term(string name, string value) => Line($"<dt>{E(name)}</dt><dd>{E(value)}</dd>");

    private void Warnings(IReadOnlyList<string> warnings)
    {
        foreach (var warning in warnings)
        {
            Line($"<p class=\"warning\"><strong>Warning:</strong> {E(warning)}</p>");
        }
    }

    private void Figure(XElement svg, string caption)
    {
        _figures++;
        Line($"<figure>{svg.ToString(SaveOptions.DisableFormatting)}<figcaption>Figure {_figures}. {E(caption)}</figcaption></figure>");
    }

    private void Line(string text) => _html.Append(text).Append('\n');

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Count(double value) => NumberFormat.Count(value);

    private static string Percent(double value) => NumberFormat.Percent(value);

    private static string Fixed(double value) => NumberFormat.Fixed(value);

    private static string P(double value) => NumberFormat.P(value);

    private static string ProfileLimits(ProfileInterval? profile) =>
        profile is null ? "–" : $"{ProfileLimit(profile.Lower)} to {ProfileLimit(profile.Upper)}";

    private static string ProfileLimit(Result<double> limit) => limit.IsSuccess ? Fixed(Math.Exp(limit.Value)) : "–";
}
