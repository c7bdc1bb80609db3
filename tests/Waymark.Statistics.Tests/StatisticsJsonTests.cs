using System.Text.Json;

namespace Waymark.Statistics.Tests;

public sealed class StatisticsJsonTests
{
    [Fact]
    public void Crosstab_json_carries_the_golden_figures_exactly()
    {
        var output = StatsJson.CrossTab(Golden.Csv("aspirin_mi.csv"), "group", "mi", "n");
        Assert.Null(output.Error);
        using var json = JsonDocument.Parse(output.Json!);
        var root = json.RootElement;
        Golden.Equal("aspirin.chisq", root.GetProperty("chi_square").GetProperty("statistic").GetDouble());
        Golden.Equal("aspirin.chisq_yates", root.GetProperty("chi_square_yates").GetProperty("statistic").GetDouble());
        Golden.Equal("aspirin.or_lo", root.GetProperty("odds_ratio").GetProperty("ci")[0].GetDouble());
        Golden.Equal("aspirin.fisher_p", root.GetProperty("fisher_exact").GetProperty("p").GetDouble());
        Assert.Equal(22071, root.GetProperty("n").GetDouble());
        // Levels sort as R's factor() in the C locale: Aspirin before Placebo, No before Yes.
        Assert.Equal(100.0 * 10933 / (104 + 10933), root.GetProperty("row_percents")[0][0].GetDouble(), 12);
        Assert.Equal(100.0 * 10933 / (10933 + 10845), root.GetProperty("col_percents")[0][0].GetDouble(), 12);
    }

    [Fact]
    public void Logit_json_lists_coefficients_by_term()
    {
        var output = StatsJson.Logit(Golden.Csv("infert.csv"), "case", ["spontaneous", "induced"]);
        Assert.Null(output.Error);
        using var json = JsonDocument.Parse(output.Json!);
        var first = json.RootElement.GetProperty("coefficients")[0];
        Assert.Equal("(Intercept)", first.GetProperty("term").GetString());
        Golden.Equal("infert.coef_(Intercept)", first.GetProperty("estimate").GetDouble());
        Golden.Equal("infert.aic", json.RootElement.GetProperty("aic").GetDouble());
    }

    [Fact]
    public void Freq_json_and_errors()
    {
        var output = StatsJson.Frequencies(Golden.Csv("party_gender.csv"), "gender", "n");
        using var json = JsonDocument.Parse(output.Json!);
        Assert.Equal(2757, json.RootElement.GetProperty("n").GetDouble());
        Assert.Equal("F", json.RootElement.GetProperty("levels")[0].GetProperty("value").GetString());

        var missing = StatsJson.Frequencies(Golden.Csv("party_gender.csv"), "age", null);
        Assert.Null(missing.Json);
        Assert.Contains("no column 'age'", missing.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", StatsJson.Frequencies("/no/such.csv", "x", null).Error, StringComparison.Ordinal);
    }
}
