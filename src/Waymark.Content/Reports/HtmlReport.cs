using System.Globalization;
using System.Net;
using System.Text;
using Waymark.Content.Codebooks;
using Waymark.Content.Coding;

namespace Waymark.Content.Reports;

/// <summary>
/// A self-contained HTML report of a coding run: no script, no external resource; tables of codes,
/// co-occurrence and documents, and an SVG bar chart of unit counts with a title and description for
/// screen readers. Figures equal the JSON output.
/// </summary>
internal static class HtmlReport
{
    /// <summary>The style element every content report shares (no external resource).</summary>
    internal const string Style = "<style>body{font-family:sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse;margin:1rem 0}"
        + "th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left}td.n{text-align:right}caption{text-align:left;font-weight:bold}</style>\n";

    public static string Write(CodingReport report, IReadOnlyList<string> corpus)
    {
        ArgumentNullException.ThrowIfNull(report);
        var unit = CodingUnits.Name(report.Unit);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<title>Coding report: {E(report.Codebook.Name)}</title>\n");
        html.Append(Style);
        html.Append("</head>\n<body>\n<main>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Coding report: {E(report.Codebook.Name)}</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>Corpus: {E(string.Join(", ", corpus))}. Unit: {E(unit)}. Documents: {report.Documents}. Units: {report.Units}.</p>\n");

        html.Append("<table>\n<caption>Codes</caption>\n<thead><tr><th scope=\"col\">Theme</th><th scope=\"col\">Code</th><th scope=\"col\">Hits</th>");
        html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(Capital(unit))}s</th><th scope=\"col\">Documents</th><th scope=\"col\">Band</th>");
        var compare = report.ComparesWithPublished;
        if (compare)
        {
            html.Append("<th scope=\"col\">Published</th><th scope=\"col\">Observed / published</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var c in report.Codes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(c.Code.Theme)}</td><th scope=\"row\">{E(c.Code.Name)}</th><td class=\"n\">{c.Hits}</td><td class=\"n\">{c.Units}</td><td class=\"n\">{c.Documents}</td><td>{E(c.Band ?? "")}</td>");
            if (compare)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{c.Code.Reference}</td><td class=\"n\">{(report.Ratio(c) is { } ratio ? ratio.ToString("F2", CultureInfo.InvariantCulture) : "")}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (report.Codebook.Method is { } method)
        {
            html.Append(Method(method, report.Unit));
        }

        html.Append(Chart(report, unit));

        html.Append("<table>\n<caption>Co-occurrence within units</caption>\n<thead><tr><th scope=\"col\">Code A</th><th scope=\"col\">Code B</th><th scope=\"col\">n</th><th scope=\"col\">c-coefficient</th></tr></thead>\n<tbody>\n");
        foreach (var p in report.Cooccurrences)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(p.A)}</td><td>{E(p.B)}</td><td class=\"n\">{p.N}</td><td class=\"n\">{p.C:F3}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");

        var kept = report.Codes.Select(c => report.Codebook.IndexOf(c.Code.Name)).ToList();
        html.Append(CultureInfo.InvariantCulture, $"<table>\n<caption>{E(Capital(unit))}s per document</caption>\n<thead><tr><th scope=\"col\">Document</th>");
        foreach (var k in kept)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(report.Codebook.Codes[k].Name)}</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var d in report.PerDocument.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(d.Id)}</th>");
            foreach (var k in kept)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"n\">{d.Units[k]}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The published study: citation, what it counted and with what, and what the publication leaves unknown.</summary>
    private static string Method(StudyMethod method, CodingUnit unit)
    {
        var html = new StringBuilder("<section aria-labelledby=\"method-title\">\n<h2 id=\"method-title\">Published study</h2>\n<dl>\n");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Source</dt><dd>{E(method.Citation)}</dd>\n");
        if (method.Unit is { } published)
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>Unit counted</dt><dd>{E(CodingUnits.Name(published))}");
            if (published != unit)
            {
                html.Append(CultureInfo.InvariantCulture, $" (this run counted {E(CodingUnits.Name(unit))}s, so no ratio is given)");
            }

            html.Append("</dd>\n");
        }

        if (method.Documents is { } documents)
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>Documents</dt><dd>{documents}</dd>\n");
        }

        if (method.Communities is { } communities)
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>Communities</dt><dd>{communities}</dd>\n");
        }

        if (method.Tool is { } tool)
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>Tool</dt><dd>{E(tool)}</dd>\n");
        }

        html.Append("</dl>\n");
        if (method.Gaps.Count > 0)
        {
            html.Append("<h3>Known gaps</h3>\n<ul>\n");
            foreach (var gap in method.Gaps)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(gap)}</li>\n");
            }

            html.Append("</ul>\n");
        }

        return html.Append("</section>\n").ToString();
    }

    private static string Chart(CodingReport report, string unit)
    {
        const int barHeight = 18;
        const int labelWidth = 160;
        const int barWidth = 400;
        var max = Math.Max(1, report.Codes.Count == 0 ? 1 : report.Codes.Max(c => c.Units));
        var height = (report.Codes.Count * (barHeight + 4)) + 8;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" width=\"{labelWidth + barWidth + 60}\" height=\"{height}\" viewBox=\"0 0 {labelWidth + barWidth + 60} {height}\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"chart-title\">{E(Capital(unit))}s containing each code</title>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"chart-desc\">Bar chart: {E(string.Join("; ", report.Codes.Select(c => $"{c.Code.Name} {c.Units}")))}.</desc>\n");
        var y = 4;
        foreach (var c in report.Codes)
        {
            var width = (int)Math.Round((double)c.Units / max * barWidth);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + 13}\" text-anchor=\"end\" font-size=\"12\">{E(c.Code.Name)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{width}\" height=\"{barHeight}\" fill=\"{c.Code.Color}\"><title>{E(c.Code.Name)}: {c.Units}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + width + 4}\" y=\"{y + 13}\" font-size=\"12\">{c.Units}</text>\n");
            y += barHeight + 4;
        }

        svg.Append(CultureInfo.InvariantCulture, $"</svg>\n<figcaption>{E(Capital(unit))}s containing each code.</figcaption>\n</figure>\n");
        return svg.ToString();
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
