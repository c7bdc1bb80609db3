using System.Globalization;
using System.Xml.Linq;

namespace Waymark.Web.Analysis;

/// <summary>One day of a survey's responses per day (UTC day, count).</summary>
internal sealed record DayCount(DateOnly Day, long Count);

/// <summary>
/// Responses per day as a server-drawn SVG column chart, with no script: role="img", a title and a
/// description that says every day's count in words, referenced by aria-labelledby (as the analysis
/// charts). The days run without gaps (a day without responses is a zero) over at most
/// <see cref="MaxDays"/> days up to the last day with responses; the table beside it lists every day.
/// </summary>
internal static class DayChart
{
    public const int MaxDays = 60;

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const int Width = 720;
    private const int Height = 220;
    private const int Left = 48;
    private const int Bottom = 40;
    private const int Top = 16;

    /// <summary>The days the chart shows: from the first day with responses (or <see cref="MaxDays"/> before the last) to the last, zeros included.</summary>
    public static IReadOnlyList<DayCount> Series(IEnumerable<DayCount> days)
    {
        var known = days.GroupBy(d => d.Day).ToDictionary(g => g.Key, g => g.Sum(d => d.Count));
        if (known.Count == 0)
        {
            return [];
        }

        var last = known.Keys.Max();
        var first = known.Keys.Min();
        if (first < last.AddDays(-(MaxDays - 1)))
        {
            first = last.AddDays(-(MaxDays - 1));
        }

        var series = new List<DayCount>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            series.Add(new DayCount(day, known.GetValueOrDefault(day)));
        }

        return series;
    }

    /// <summary>The chart of <paramref name="series"/> (as <see cref="Series"/> gives it) with element ids starting with <paramref name="id"/>.</summary>
    public static string Draw(IReadOnlyList<DayCount> series, string id, string title)
    {
        var max = Math.Max(1, series.Count == 0 ? 1 : series.Max(d => d.Count));
        var plotWidth = Width - Left - 8;
        var plotHeight = Height - Top - Bottom;
        var slot = series.Count == 0 ? plotWidth : (double)plotWidth / series.Count;
        var description = series.Count == 0
            ? "No responses yet."
            : string.Join("; ", series.Select(d => $"{Day(d.Day)}: {d.Count.ToString(CultureInfo.InvariantCulture)}"));
        var total = series.Sum(d => d.Count);
        var svg = new XElement(
            Svg + "svg",
            Attributes(("role", "img"), ("aria-labelledby", $"{id}-title {id}-desc"), ("viewBox", $"0 0 {Width} {Height}"), ("width", Width), ("height", Height), ("font-family", "sans-serif")),
            new XElement(Svg + "title", new XAttribute("id", $"{id}-title"), $"{title} ({total.ToString(CultureInfo.InvariantCulture)} over {series.Count.ToString(CultureInfo.InvariantCulture)} days)"),
            new XElement(Svg + "desc", new XAttribute("id", $"{id}-desc"), description));

        // The scale: zero and the highest day's count.
        svg.Add(
            new XElement(Svg + "line", Attributes(("x1", Left), ("y1", Top + plotHeight), ("x2", Width - 8), ("y2", Top + plotHeight), ("stroke", "#767676"))),
            Text(Left - 6, Top + plotHeight + 4, "0", "end"),
            Text(Left - 6, Top + 10, max.ToString(CultureInfo.InvariantCulture), "end"));
        for (var i = 0; i < series.Count; i++)
        {
            var day = series[i];
            var height = plotHeight * (double)day.Count / max;
            var x = Left + (i * slot) + (slot * 0.15);
            svg.Add(new XElement(
                Svg + "rect",
                Attributes(("x", x), ("y", Top + plotHeight - height), ("width", Math.Max(1, slot * 0.7)), ("height", height), ("fill", "#1f4e79")),
                new XElement(Svg + "title", $"{Day(day.Day)}: {day.Count.ToString(CultureInfo.InvariantCulture)}")));
        }

        // The first and last day under the axis (every day is in the description and the table).
        if (series.Count > 0)
        {
            svg.Add(Text(Left, Height - 14, Day(series[0].Day), "start"));
            if (series.Count > 1)
            {
                svg.Add(Text(Width - 8, Height - 14, Day(series[^1].Day), "end"));
            }
        }

        return svg.ToString(SaveOptions.DisableFormatting);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static XElement Text(double x, double y, string text, string anchor) =>
        new(Svg + "text", Attributes(("x", x), ("y", y), ("text-anchor", anchor), ("fill", "#1a1a1a"), ("font-size", 13)), text);

    private static object[] Attributes(params (string Name, object Value)[] attributes) =>
        attributes.Select(a => (object)new XAttribute(a.Name, a.Value is double d ? Math.Round(d, 2).ToString("0.##", CultureInfo.InvariantCulture) : Convert.ToString(a.Value, CultureInfo.InvariantCulture)!)).ToArray();
}
