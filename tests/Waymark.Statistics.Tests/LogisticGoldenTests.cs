namespace Waymark.Statistics.Tests;

public sealed class LogisticGoldenTests
{
    [Fact]
    public void Infert_matches_glm_binomial()
    {
        var data = Dataset.ReadCsv(Golden.Csv("infert.csv"));
        Assert.True(data.IsSuccess, data.Error);
        var fit = Analyse.Logit(data.Value!, "case", ["spontaneous", "induced"]);
        Assert.True(fit.IsSuccess, fit.Error);
        var result = fit.Value!;
        Assert.True(result.Converged);
        Assert.Empty(result.Warnings);
        foreach (var coefficient in result.Coefficients)
        {
            Golden.Equal($"infert.coef_{coefficient.Term}", coefficient.Estimate);
            Golden.Equal($"infert.se_{coefficient.Term}", coefficient.StandardError);
        }

        Golden.Equal("infert.deviance", result.Deviance);
        Golden.Equal("infert.null_deviance", result.NullDeviance);
        Golden.Equal("infert.aic", result.Aic);
        Assert.Equal(248, result.N);
    }

    [Fact]
    public void Separated_outcome_is_warned_about()
    {
        var data = Dataset.ParseCsv("y,x\n0,1\n0,2\n0,3\n1,4\n1,5\n1,6\n", "separated.csv").Value!;
        var fit = Analyse.Logit(data, "y", ["x"]);
        Assert.True(fit.IsSuccess, fit.Error);
        Assert.Contains(fit.Value!.Warnings, w => w.Contains("separated", StringComparison.Ordinal));
    }

    [Fact]
    public void A_collinear_predictor_is_reported_as_not_estimated_and_the_rest_is_fitted()
    {
        var data = Dataset.ParseCsv("y,a,b\n0,1,2\n1,2,4\n0,3,6\n1,4,8\n0,5,10\n1,6,12\n0,2,4\n", "collinear.csv").Value!;
        var fit = Analyse.Logit(data, "y", ["a", "b"]);
        Assert.True(fit.IsSuccess, fit.Error);
        var withoutB = Analyse.Logit(data, "y", ["a"]).Value!;
        var b = fit.Value!.Coefficients[2];
        Assert.Equal("b", b.Term);
        Assert.True(double.IsNaN(b.Estimate) && double.IsNaN(b.StandardError) && double.IsNaN(b.P));
        Assert.Equal(withoutB.Coefficients[1].Estimate, fit.Value.Coefficients[1].Estimate, 12);
        Assert.Equal(withoutB.Aic, fit.Value.Aic, 12);
        Assert.Contains(fit.Value.Warnings, w => w.Contains("singularities", StringComparison.Ordinal) && w.Contains(": b.", StringComparison.Ordinal));
    }

    [Fact]
    public void Non_binary_response_names_the_row()
    {
        var data = Dataset.ParseCsv("y,x\n0,1\n2,2\n", "bad.csv").Value!;
        var fit = Analyse.Logit(data, "y", ["x"]);
        Assert.False(fit.IsSuccess);
        Assert.Contains("data row 2", fit.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Categorical_predictor_equals_its_dummy_columns_with_first_sorted_level_as_reference()
    {
        var text = new System.Text.StringBuilder("case,group,dB,dC\n");
        var groups = new[] { "B", "A", "C", "A", "B", "C", "C", "A", "B", "A", "C", "B" };
        var cases = new[] { 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0 };
        for (var i = 0; i < groups.Length; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{cases[i]},{groups[i]},{(groups[i] == "B" ? 1 : 0)},{(groups[i] == "C" ? 1 : 0)}\n");
        }

        var data = Dataset.ParseCsv(text.ToString(), "groups.csv").Value!;
        var factor = Analyse.Logit(data, "case", ["group"]).Value!;
        var dummies = Analyse.Logit(data, "case", ["dB", "dC"]).Value!;
        Assert.Equal(["(Intercept)", "groupB", "groupC"], factor.Coefficients.Select(c => c.Term));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(dummies.Coefficients[i].Estimate, factor.Coefficients[i].Estimate, 12);
            Assert.Equal(dummies.Coefficients[i].StandardError, factor.Coefficients[i].StandardError, 12);
        }

        var releveled = Analyse.Logit(data, "case", ["group"], references: new Dictionary<string, string> { ["group"] = "C" }).Value!;
        Assert.Equal(["(Intercept)", "groupA", "groupB"], releveled.Coefficients.Select(c => c.Term));
        Assert.Equal(factor.Deviance, releveled.Deviance, 9);
        Assert.Contains("Levels: A, B, C", Analyse.Logit(data, "case", ["group"], references: new Dictionary<string, string> { ["group"] = "D" }).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Frequency_weights_give_the_fit_of_the_expanded_rows()
    {
        var data = Dataset.ReadCsv(Golden.Csv("infert.csv")).Value!;
        var counts = Enumerable.Range(0, data.RowCount)
            .GroupBy(i => (data.Cell(i, 0).ToString(), data.Cell(i, 1).ToString(), data.Cell(i, 2).ToString()))
            .Select(g => $"{g.Key.Item1},{g.Key.Item2},{g.Key.Item3},{g.Count()}");
        var weighted = Dataset.ParseCsv("case,spontaneous,induced,n\n" + string.Join("\n", counts) + "\n", "infert-weighted.csv").Value!;
        var fit = Analyse.Logit(weighted, "case", ["spontaneous", "induced"], "n").Value!;
        Assert.Equal(248, fit.N);
        // Different starting values (R's mustart uses the weights), so agreement is to convergence tolerance only.
        Assert.True(Math.Abs(fit.Deviance - Golden.Value("infert.deviance")) < 1e-6);
        Assert.True(Math.Abs(fit.Coefficients[1].Estimate - Golden.Value("infert.coef_spontaneous")) < 1e-5);
        Assert.True(Math.Abs(fit.Coefficients[1].StandardError - Golden.Value("infert.se_spontaneous")) < 1e-5);
    }
}
