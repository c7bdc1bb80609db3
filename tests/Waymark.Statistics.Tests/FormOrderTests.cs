using System.Globalization;
using Waymark.Testing;

namespace Waymark.Statistics.Tests;

/// <summary>
/// Levels in a form's choice order (not R's sorted order), choices nobody picked kept in frequencies and
/// named (out of the tests) in cross-tabulations, and numbers described: every figure equal to R's given
/// the same factor levels, and hist()'s breaks and counts.
/// </summary>
public sealed class FormOrderTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("FormOrderTests");

    public void Dispose() => _temp.Dispose();

    // A five-point scale in the form's order; "neutral" is never chosen in the data below.
    private static readonly string[] Scale = ["strongly_disagree", "disagree", "neutral", "agree", "strongly_agree"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Frequencies_follow_the_form_order_and_keep_unchosen_levels_as_r(int seed)
    {
        var data = new GeneratedData(seed, "v", "w");
        string[] chosen = ["strongly_disagree", "disagree", "agree", "strongly_agree", "off_list"];
        for (var i = 0; i < 120; i++)
        {
            data.Row(data.MaybeMissing(data.Skewed(chosen), 0.1), data.Random.Next(1, 4));
        }

        var path = data.Save(_temp);
        var levels = new Dictionary<string, IReadOnlyList<string>> { ["v"] = Scale };
        var output = StatsJson.Frequencies(path, "v", "w", levels);
        Assert.True(output.Error is null, output.Error);
        var ours = RReference.Flatten(output.Json!);
        Assert.Equal(Scale.Append("off_list"), Enumerable.Range(0, 6).Select(i => ours[$"$levels.{i}.value"]));
        Assert.Equal("0", ours["levels.2.count"]);
        RReference.AssertSame(RReference.RunWithLevels(levels, "freq", path, "v", "w"), output.Json!, new Dictionary<string, string>());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Crosstabs_follow_the_form_order_and_name_unchosen_levels_as_r_after_droplevels(int seed)
    {
        var data = new GeneratedData(seed, "r", "c");
        string[] rows = ["strongly_disagree", "disagree", "agree", "strongly_agree"];
        string[] columns = ["often", "never"];
        for (var i = 0; i < 80; i++)
        {
            data.Row(data.Skewed(rows), data.Skewed(columns));
        }

        var path = data.Save(_temp);
        var levels = new Dictionary<string, IReadOnlyList<string>> { ["r"] = Scale, ["c"] = ["never", "sometimes", "often"] };
        var output = StatsJson.CrossTab(path, "r", "c", null, levels);
        Assert.True(output.Error is null, output.Error);
        var ours = RReference.Flatten(output.Json!);
        Assert.Equal("strongly_disagree", ours["$rows.0"]);
        Assert.Equal("never", ours["$cols.0"]);
        Assert.Equal("neutral", ours["$empty_rows.0"]);
        Assert.Equal("sometimes", ours["$empty_cols.0"]);
        Assert.Contains(ours, p => p.Key.StartsWith("$warnings.", StringComparison.Ordinal) && p.Value.Contains("Nobody chose 'neutral', 'sometimes'", StringComparison.Ordinal));
        RReference.AssertSame(
            RReference.RunWithLevels(levels, "crosstab", path, "r", "c", "-"),
            output.Json!,
            new Dictionary<string, string> { ["small_expected"] = "expected counts are below 5" });
    }

    [Theory]
    [InlineData(1, 40, 1.0)]
    [InlineData(2, 250, 0.01)]
    [InlineData(3, 7, 1000.0)]
    [InlineData(4, 1, 1.0)]
    [InlineData(5, 90, 0.5)]
    public void Numbers_are_described_as_r_summary_and_hist(int seed, int count, double scale)
    {
        var data = new GeneratedData(seed, "x");
        for (var i = 0; i < count; i++)
        {
            // Whole and half numbers land on break points, where hist()'s right-closed bins and fuzz decide.
            var value = seed == 5 ? data.Random.Next(0, 20) * scale : Math.Round(((data.Random.NextDouble() * 60) + 15) * scale, 2);
            data.Row(data.MaybeMissing(GeneratedData.Number(value), 0.05));
        }

        var path = data.Save(_temp);
        var output = StatsJson.Describe(path, "x");
        Assert.True(output.Error is null, output.Error);
        RReference.AssertSame(RReference.Run("describe", path, "x"), output.Json!, new Dictionary<string, string>());
        var ours = RReference.Flatten(output.Json!);
        Assert.Equal(int.Parse(ours["n"], CultureInfo.InvariantCulture), ours.Where(p => p.Key.StartsWith("histogram.counts.", StringComparison.Ordinal)).Sum(p => int.Parse(p.Value, CultureInfo.InvariantCulture)));
    }
}
