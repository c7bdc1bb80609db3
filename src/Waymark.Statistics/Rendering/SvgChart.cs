using System.Globalization;
using System.Xml.Linq;

namespace Waymark.Statistics.Rendering;

/// <summary>
/// Accessible SVG charts without script: role="img", a title and a description (the figures in words)
/// referenced by aria-labelledby, text labels on every bar, and N in the title. Built with XElement so
/// that every label is escaped by the XML writer rather than by hand. The labels drawn are the result's values:
/// a host that shows other labels (a form's choice labels) passes a copy with them (<c>table with { ... }</c>).
/// </summary>
public static class SvgChart
{
    /// <summary>The SVG namespace of every element drawn.</summary>
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // Dark fills: white value labels on them keep a contrast ratio above 4.5:1.
    private static readonly string[] Palette = ["#1f4e79", "#8a2d1c", "#1e5631", "#5b2c6f", "#7a4a00", "#3d4a4f", "#0b5563", "#6b1d3a"];

    private const int Width = 720;
    private const int LabelWidth = 200;
    private const int BarArea = 380;
    private const int RowHeight = 30;
    private const int BarHeight = 20;
    private const int Top = 10;

    /// <summary>
    /// Horizontal bars, one per level, length proportional to its (weighted) count. A level for which
    /// <paramref name="hidden"/> gives a text (the console's "&lt;5") has no bar and shows that text instead of its figures.
    /// </summary>
    public static XElement FrequencyBars(FrequencyTable table, string id, string title, Func<int, string?>? hidden = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var shown = Enumerable.Range(0, table.Rows.Count).Select(i => hidden?.Invoke(i)).ToList();
        var max = table.Rows.Count == 0 ? 1 : table.Rows.Where((_, i) => shown[i] is null).Select(r => r.Count).DefaultIfEmpty(1).Max();
        var height = Top + (table.Rows.Count * RowHeight) + Top;
        var description = string.Join("; ", table.Rows.Select((r, i) => $"{r.Value}: {shown[i] ?? $"{Count(r.Count)} ({Percent(r.ValidPercent)})"}"));
        var svg = Frame(id, $"{title} (N = {Count(table.N)})", description, height);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            var y = Top + (i * RowHeight);
            svg.Add(Label(LabelWidth - 8, y, row.Value, "end"));
            if (shown[i] is { } text)
            {
                svg.Add(Label(LabelWidth + 6, y, text, "start"));
                continue;
            }

            var length = max > 0 ? BarArea * row.Count / max : 0;
            svg.Add(
                Rect(LabelWidth, y, length, Palette[0], $"{row.Value}: {Count(row.Count)}"),
                Label(LabelWidth + length + 6, y, $"{Count(row.Count)} ({Percent(row.ValidPercent)})", "start"));
        }

        return svg;
    }

    /// <summary>
    /// One 100% bar per row category, split into column categories by row percent, with a legend; the
    /// description lists every row's shares so the chart says in words what it shows.
    /// </summary>
    public static XElement StackedRowPercents(CrossTabulation table, string id, string title)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = table.RowLabels.Count;
        var cols = table.ColumnLabels.Count;
        var legendTop = Top + (rows * RowHeight) + 10;
        var height = legendTop + (((cols + 2) / 3) * 24) + Top;
        var percents = new double[rows, cols];
        var lines = new List<string>();
        for (var i = 0; i < rows; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < cols; j++)
            {
                sum += table.Observed[i, j];
            }

            var parts = new List<string>();
            for (var j = 0; j < cols; j++)
            {
                percents[i, j] = sum > 0 ? 100 * table.Observed[i, j] / sum : 0;
                parts.Add($"{table.ColumnLabels[j]} {Percent(percents[i, j])}");
            }

            lines.Add($"{table.RowLabels[i]} (n = {Count(sum)}): {string.Join(", ", parts)}");
        }

        var svg = Frame(id, $"{title} (N = {Count(table.Total)})", string.Join("; ", lines), height);
        for (var i = 0; i < rows; i++)
        {
            var y = Top + (i * RowHeight);
            svg.Add(Label(LabelWidth - 8, y, table.RowLabels[i], "end"));
            var x = (double)LabelWidth;
            for (var j = 0; j < cols; j++)
            {
                var length = BarArea * percents[i, j] / 100;
                svg.Add(Rect(x, y, length, Palette[j % Palette.Length], $"{table.RowLabels[i]}, {table.ColumnLabels[j]}: {Percent(percents[i, j])}"));
                if (length >= 44)
                {
                    // Only where it fits; the description and the table carry every figure anyway.
                    svg.Add(new XElement(Svg + "text", Attributes(("x", x + (length / 2)), ("y", y + 15), ("text-anchor", "middle"), ("fill", "#ffffff"), ("font-size", 12)), Percent(percents[i, j])));
                }

                x += length;
            }
        }

        for (var j = 0; j < cols; j++)
        {
            var lx = LabelWidth + ((j % 3) * 170);
            var ly = legendTop + ((j / 3) * 24);
            svg.Add(
                new XElement(Svg + "rect", Attributes(("x", lx), ("y", ly), ("width", 14), ("height", 14), ("fill", Palette[j % Palette.Length]))),
                new XElement(Svg + "text", Attributes(("x", lx + 20), ("y", ly + 12), ("fill", "#1a1a1a"), ("font-size", 13)), table.ColumnLabels[j]));
        }

        return svg;
    }

    private static XElement Frame(string id, string title, string description, int height) =>
        new(
            Svg + "svg",
            Attributes(("role", "img"), ("aria-labelledby", $"{id}-title {id}-desc"), ("viewBox", $"0 0 {Width} {height}"), ("width", Width), ("height", height), ("font-family", "sans-serif")),
            new XElement(Svg + "title", new XAttribute("id", $"{id}-title"), title),
            new XElement(Svg + "desc", new XAttribute("id", $"{id}-desc"), description));

    private static XElement Label(double x, double y, string text, string anchor) =>
        new(Svg + "text", Attributes(("x", x), ("y", y + 15), ("text-anchor", anchor), ("fill", "#1a1a1a"), ("font-size", 13)), text);

    private static XElement Rect(double x, double y, double width, string fill, string tooltip) =>
        new(Svg + "rect", Attributes(("x", x), ("y", y), ("width", width), ("height", BarHeight), ("fill", fill)), new XElement(Svg + "title", tooltip));

    private static object[] Attributes(params (string Name, object Value)[] attributes) =>
        attributes.Select(a => (object)new XAttribute(a.Name, a.Value is double d ? Format(d) : Convert.ToString(a.Value, CultureInfo.InvariantCulture)!)).ToArray();

    private static string Format(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Count(double value) => NumberFormat.Count(value);

    private static string Percent(double value) => NumberFormat.Percent(value);
}
