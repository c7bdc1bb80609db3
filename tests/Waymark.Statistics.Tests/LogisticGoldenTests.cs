namespace Waymark.Statistics.Tests;

public sealed class LogisticGoldenTests
{
    [Fact]
    public void Infert_matches_glm_binomial()
    {
        var data = CsvData.Load(Golden.Csv("infert.csv"));
        Assert.True(data.IsSuccess, data.Error);
        var fit = LogisticRegression.Fit(data.Value!, "case", ["spontaneous", "induced"]);
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
        var data = CsvData.Parse("y,x\n0,1\n0,2\n0,3\n1,4\n1,5\n1,6\n", "separated.csv").Value!;
        var fit = LogisticRegression.Fit(data, "y", ["x"]);
        Assert.True(fit.IsSuccess, fit.Error);
        Assert.Contains(fit.Value!.Warnings, w => w.Contains("separated", StringComparison.Ordinal));
    }

    [Fact]
    public void Collinear_predictors_fail_with_advice()
    {
        var data = CsvData.Parse("y,a,b\n0,1,2\n1,2,4\n0,3,6\n1,4,8\n0,5,10\n1,6,12\n", "collinear.csv").Value!;
        var fit = LogisticRegression.Fit(data, "y", ["a", "b"]);
        Assert.False(fit.IsSuccess);
        Assert.Contains("collinear", fit.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_binary_response_names_the_row()
    {
        var data = CsvData.Parse("y,x\n0,1\n2,2\n", "bad.csv").Value!;
        var fit = LogisticRegression.Fit(data, "y", ["x"]);
        Assert.False(fit.IsSuccess);
        Assert.Contains("data row 2", fit.Error, StringComparison.Ordinal);
    }
}
