using System.Globalization;
using System.Xml.Linq;
using Waymark.Statistics.Rendering;

namespace Waymark.Statistics.Tests;

public sealed class SvgChartTests
{
    private static readonly XNamespace Svg = SvgChart.Svg;

    private static XDocument Parse(XElement chart) => XDocument.Parse(chart.ToString(SaveOptions.DisableFormatting));

    private static List<XElement> DataBars(XDocument svg) =>
        svg.Descendants(Svg + "rect").Where(r => r.Element(Svg + "title") is not null).ToList();

    private static double Width(XElement rect) => double.Parse(rect.Attribute("width")!.Value, CultureInfo.InvariantCulture);

    private static void AssertAccessible(XDocument svg, string expectedTitle)
    {
        var root = svg.Root!;
        Assert.Equal("img", root.Attribute("role")!.Value);
        var ids = root.Attribute("aria-labelledby")!.Value.Split(' ');
        Assert.Equal(2, ids.Length);
        Assert.Equal(expectedTitle, root.Elements(Svg + "title").Single(e => e.Attribute("id")?.Value == ids[0]).Value);
        Assert.False(string.IsNullOrWhiteSpace(root.Elements(Svg + "desc").Single(e => e.Attribute("id")?.Value == ids[1]).Value));
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "script" || e.Attributes().Any(a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal)));
    }

    [Fact]
    public void Frequency_bars_are_proportional_labelled_and_carry_n()
    {
        var data = Dataset.ParseCsv("v\nA\nB\nB\nC\nC\nC\nC\n\n", "v.csv").Value!;
        var table = Analyse.Frequencies(data, "v", null).Value!;
        var svg = Parse(SvgChart.FrequencyBars(table, "f1", "Answers to v"));
        AssertAccessible(svg, "Answers to v (N = 7)");
        var bars = DataBars(svg);
        Assert.Equal(3, bars.Count);
        Assert.Equal(Width(bars[2]) / 4, Width(bars[0]), 6);
        Assert.Equal(Width(bars[2]) / 2, Width(bars[1]), 6);
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("A", texts);
        Assert.Contains("4 (57.1%)", texts);
        Assert.Contains("C: 4 (57.1%)", svg.Root!.Element(Svg + "desc")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_with_markup_characters_are_escaped_and_survive_a_round_trip()
    {
        const string Hostile = "<b>&\"quenmix\"</b>";
        var data = Dataset.ParseCsv($"v\n\"{Hostile.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\nzorblat\n", "v.csv").Value!;
        var chart = SvgChart.FrequencyBars(Analyse.Frequencies(data, "v", null).Value!, "f2", "Title with <&>\"");
        var text = chart.ToString(SaveOptions.DisableFormatting);
        Assert.DoesNotContain("<b>", text, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;&amp;", text, StringComparison.Ordinal);
        var svg = Parse(chart);
        Assert.Contains(Hostile, svg.Descendants(Svg + "text").Select(t => t.Value));
        AssertAccessible(svg, "Title with <&>\" (N = 2)");
    }

    [Fact]
    public void Stacked_bars_split_each_row_by_its_row_percents()
    {
        var table = Analyse.CrossTabulate(["men", "women"], ["never", "sometimes", "often"], new double[,] { { 10, 30, 60 }, { 25, 25, 50 } }).Value!;
        var svg = Parse(SvgChart.StackedRowPercents(table, "c1", "Contact by gender"));
        AssertAccessible(svg, "Contact by gender (N = 200)");
        var bars = DataBars(svg);
        Assert.Equal(6, bars.Count);
        var full = Width(bars[0]) + Width(bars[1]) + Width(bars[2]);
        Assert.Equal(full, Width(bars[3]) + Width(bars[4]) + Width(bars[5]), 6);
        Assert.Equal(0.10 * full, Width(bars[0]), 1);
        Assert.Equal(0.60 * full, Width(bars[2]), 1);
        Assert.Equal(0.25 * full, Width(bars[3]), 1);
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("sometimes", texts);
        Assert.Contains("women", texts);
        Assert.Contains("women (n = 100): never 25.0%, sometimes 25.0%, often 50.0%", svg.Root!.Element(Svg + "desc")!.Value, StringComparison.Ordinal);
    }
}
