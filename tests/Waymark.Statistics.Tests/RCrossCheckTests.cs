using Waymark.Testing;
namespace Waymark.Statistics.Tests;

/// <summary>
/// Beyond the golden file: seeded random data of the shapes surveys produce (sparse tables, zero cells,
/// many levels, weights, missing values, categorical predictors, aliased terms), each run through R
/// (R/reference.R) and Waymark, and every figure compared both ways at relative 1e-9.
/// </summary>
public sealed class RCrossCheckTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("RCrossCheckTests");

    public void Dispose() => _temp.Dispose();

    private static readonly Dictionary<string, string> CrossTabFlags = new() { ["small_expected"] = "expected counts are below 5" };
    private static readonly Dictionary<string, string> LogitFlags = new() { ["aliased"] = "singularities", ["non_integer"] = "non-integer #successes in a binomial glm!" };
    private static readonly string[] Collation = ["b", "B", "a", "_x", "Z", "é"];

    public static TheoryData<string, int> CrossTabCases { get; } = Cases(
        ("small-2x2", 4), ("zero-cell-2x2", 3), ("many-levels", 2), ("integer-weights", 2), ("fractional-weights", 2),
        ("missing", 2), ("numeric-and-collation-levels", 2), ("large-counts", 2));

    public static TheoryData<string, int> FrequencyCases { get; } = Cases(
        ("many-levels-missing-weights", 3), ("single-level", 1), ("numeric-and-collation-levels", 2));

    public static TheoryData<string, int> LogitCases { get; } = Cases(
        ("numeric", 3), ("categorical-weights-missing", 3), ("reference-level", 2), ("aliased", 2), ("many-levels", 2),
        ("fractional-weights", 2), ("yes-no-outcome", 2), ("logical-outcome", 2), ("separated", 2));

    private static readonly string[][] OutcomeWords = [["no", "yes"], ["Refused", "agreed"], ["FALSE", "TRUE"], ["F", "T"], ["false", "true"]];

    [Theory]
    [MemberData(nameof(CrossTabCases))]
    public void Crosstab_equals_r(string scenario, int seed)
    {
        var (path, weight) = CrossTabData(scenario, seed);
        var output = StatsJson.CrossTab(path, "r", "c", weight);
        Assert.True(output.Error is null, output.Error);
        RReference.AssertSame(RReference.Run("crosstab", path, "r", "c", weight ?? "-"), output.Json!, CrossTabFlags);
    }

    [Theory]
    [MemberData(nameof(FrequencyCases))]
    public void Frequencies_equal_r(string scenario, int seed)
    {
        var data = new GeneratedData(seed, "v", "w");
        var levels = scenario switch
        {
            "single-level" => ["only"],
            "numeric-and-collation-levels" => seed % 2 == 0 ? Collation : Enumerable.Range(1, 12).Select(i => (i * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            _ => Enumerable.Range(0, 17).Select(i => $"level{i}").ToArray(),
        };
        for (var i = 0; i < 250; i++)
        {
            var missingShare = scenario == "single-level" ? 0 : 0.1;
            data.Row(data.MaybeMissing(data.Skewed(levels), missingShare), data.MaybeMissing(data.Random.Next(1, 5).ToString(System.Globalization.CultureInfo.InvariantCulture), missingShare / 2));
        }

        var path = data.Save(_temp);
        var output = StatsJson.Frequencies(path, "v", "w");
        Assert.True(output.Error is null, output.Error);
        RReference.AssertSame(RReference.Run("freq", path, "v", "w"), output.Json!, CrossTabFlags);
    }

    [Theory]
    [MemberData(nameof(LogitCases))]
    public void Logit_equals_r_glm(string scenario, int seed)
    {
        var data = new GeneratedData(seed, "y", "x1", "x2", "x3", "g", "g2", "w");
        string[] groups = scenario == "many-levels" ? ["a", "b", "c", "d", "e", "f", "g", "h", "i"] : ["east", "north", "south", "west"];
        var effects = groups.Select((_, i) => (i % 3) - 1.0).ToArray();
        var missingShare = scenario == "categorical-weights-missing" ? 0.08 : 0;
        for (var i = 0; i < 400; i++)
        {
            var x1 = Math.Round(Normal(data.Random), 3);
            var x2 = scenario == "aliased" ? 2 * x1 : Math.Round(data.Random.NextDouble() * 10, 2);
            var x3 = data.Random.Next(0, 6);
            var g = i < groups.Length ? groups[i] : data.Skewed(groups);
            var eta = -0.4 + (0.8 * x1) - (0.15 * x2) + (0.2 * x3) + effects[Array.IndexOf(groups, g)];
            var y = data.Random.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? 1 : 0;
            if (scenario == "separated" && g == groups[^1])
            {
                // Nobody in the last group has the outcome: its coefficient runs off to minus infinity.
                y = 0;
            }

            var words = OutcomeWords[(seed + (scenario == "logical-outcome" ? 2 : 0)) % OutcomeWords.Length];
            var outcome = scenario is "yes-no-outcome" or "logical-outcome" ? words[y] : y.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var rowWeight = scenario == "fractional-weights"
                ? GeneratedData.Number(Math.Round(0.2 + (data.Random.NextDouble() * 3), 2))
                : data.Random.Next(1, 5).ToString(System.Globalization.CultureInfo.InvariantCulture);
            data.Row(
                data.MaybeMissing(outcome, missingShare),
                data.MaybeMissing(GeneratedData.Number(x1), missingShare),
                GeneratedData.Number(x2),
                x3,
                data.MaybeMissing(g, missingShare),
                g,
                rowWeight);
        }

        var path = data.Save(_temp);
        var (predictors, weight, references) = scenario switch
        {
            "numeric" => (new[] { "x1", "x2", "x3" }, (string?)null, Array.Empty<string>()),
            "categorical-weights-missing" => (["x1", "g", "x3"], "w", []),
            "reference-level" => (["g", "x2"], "w", ["g=south"]),
            "aliased" => (["x1", "g", "x2", "g2", "x3"], null, []),
            "fractional-weights" => (["x1", "g"], "w", []),
            "yes-no-outcome" or "logical-outcome" => (["x1", "x2", "g"], seed == 1 ? "w" : null, []),
            "separated" => (["g", "x1"], null, []),
            _ => (["g", "x1"], null, []),
        };
        var output = StatsJson.Logit(path, "y", predictors, weight, references);
        Assert.True(output.Error is null, output.Error);
        var r = RReference.Run(["logit", path, "y", string.Join(",", predictors), weight ?? "-", .. references]);
        RReference.AssertSame(r, output.Json!, LogitFlags);
        Assert.Equal(scenario == "aliased" ? "TRUE" : "FALSE", r["!aliased"]);
        Assert.Equal(scenario == "fractional-weights" ? "TRUE" : "FALSE", r["!non_integer"]);
        if (scenario == "separated")
        {
            // The separated group's odds ratio has no lower limit (R's confint() extrapolates its spline there,
            // with a warning): null, and a warning that names it.
            Assert.Equal("null", RReference.Flatten(output.Json!)[$"coefficients.{groups.Length - 1}.ci_profile.0"]);
            Assert.Contains(RReference.Flatten(output.Json!).Where(p => p.Key.StartsWith("$warnings.", StringComparison.Ordinal)), p => p.Value.Contains("Profile-likelihood interval of g" + groups[^1], StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_table_with_one_row_category_is_refused_rather_than_turned_into_a_goodness_of_fit_test()
    {
        // R's chisq.test on a 1 x k table silently tests the column shares against equal shares, a
        // different question from independence; Waymark says why it cannot cross-tabulate instead.
        var data = new GeneratedData(7, "r", "c");
        for (var i = 0; i < 30; i++)
        {
            data.Row("same", data.Skewed(["a", "b", "c"]));
        }

        var output = StatsJson.CrossTab(data.Save(_temp), "r", "c", null);
        Assert.Null(output.Json);
        Assert.Contains("at least two categories", output.Error, StringComparison.Ordinal);
        Assert.Contains("found 1 row", output.Error, StringComparison.Ordinal);
    }

    private (string Path, string? Weight) CrossTabData(string scenario, int seed)
    {
        var data = new GeneratedData(seed, "r", "c", "w");
        var random = data.Random;
        string[] rows = ["no", "yes"], cols = ["a", "b"];
        int count = random.Next(6, 26), weightMax = 1;
        var fractional = false;
        var missingShare = 0.0;
        switch (scenario)
        {
            case "many-levels":
                rows = Enumerable.Range(1, 14).Select(i => $"r{i:D2}").ToArray();
                cols = Enumerable.Range(1, 9).Select(i => $"c{i}").ToArray();
                count = 300;
                break;
            case "integer-weights":
                (rows, cols, count, weightMax) = (["p", "q", "r", "s"], ["x", "y", "z"], 60, 6);
                break;
            case "fractional-weights":
                (rows, count, fractional) = (seed % 2 == 0 ? ["p", "q", "r"] : rows, 40, true);
                break;
            case "missing":
                (rows, cols, count, weightMax, missingShare) = (["p", "q", "r"], ["w", "x", "y", "z"], 120, 3, 0.15);
                break;
            case "numeric-and-collation-levels":
                (rows, cols, count) = (Enumerable.Range(1, 12).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), Collation, 200);
                break;
            case "large-counts":
                (count, weightMax) = (40, 200_000);
                break;
        }

        for (var i = 0; i < count; i++)
        {
            // The first rows visit every level, so no category is empty; the rest are skewed and sparse.
            var r = i < rows.Length ? rows[i] : data.Skewed(rows);
            var c = i < cols.Length ? cols[i] : scenario == "zero-cell-2x2" && r == "no" ? "b" : data.Skewed(cols);
            if (scenario == "zero-cell-2x2" && r == "no")
            {
                c = "b";
            }

            var weight = fractional
                ? GeneratedData.Number(Math.Round(0.1 + (random.NextDouble() * 3), 3))
                : random.Next(1, weightMax + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (scenario == "large-counts" && r == "yes" && c == "a")
            {
                weight = random.Next(1, 4).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            data.Row(data.MaybeMissing(r, missingShare), data.MaybeMissing(c, missingShare), data.MaybeMissing(weight, missingShare / 3));
        }

        return (data.Save(_temp), weightMax > 1 || fractional || missingShare > 0 ? "w" : null);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static TheoryData<string, int> Cases(params (string Scenario, int Seeds)[] cases)
    {
        var data = new TheoryData<string, int>();
        foreach (var (scenario, seeds) in cases)
        {
            for (var seed = 1; seed <= seeds; seed++)
            {
                data.Add(scenario, seed);
            }
        }

        return data;
    }
}
