namespace Waymark.Statistics.Tests;

/// <summary>Reference values from R 4.x (qnorm, pnorm, pchisq, lgamma) printed with digits = 17.</summary>
public sealed class SpecialFunctionTests
{
    private static void Close(double expected, double actual, double tolerance = 1e-12) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Normal_quantile_and_cdf_agree_with_r()
    {
        Close(1.959963984540054, SpecialFunctions.NormalQuantile(0.975));
        Close(-1.959963984540054, SpecialFunctions.NormalQuantile(0.025));
        Close(0.975, SpecialFunctions.NormalCdf(1.959963984540054));
        Close(2.866515718791939e-07, SpecialFunctions.NormalCdf(-5));
        Close(-5, SpecialFunctions.NormalQuantile(2.866515718791939e-07));
    }

    [Fact]
    public void Log_gamma_and_chi_square_tail_agree_with_r()
    {
        Close(Math.Log(120), SpecialFunctions.LogGamma(6));
        Close(0.5 * Math.Log(Math.PI), SpecialFunctions.LogGamma(0.5));
        // Two degrees of freedom: the tail is exactly exp(-x/2).
        Close(Math.Exp(-15), SpecialFunctions.ChiSquareUpper(30, 2));
        Close(0.05, SpecialFunctions.ChiSquareUpper(3.841458820694124, 1), 1e-11);
    }

    [Fact]
    public void Missing_column_is_reported_with_the_columns_available()
    {
        var data = Dataset.ParseCsv("a,b\n1,2\n", "test.csv");
        var result = Analyse.CrossTabulate(data.Value!, "a", "c", null);
        Assert.False(result.IsSuccess);
        Assert.Contains("no column 'c'", result.Error, StringComparison.Ordinal);
        Assert.Contains("a, b", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ragged_csv_names_the_line()
    {
        var result = Dataset.ParseCsv("a,b\n1,2\n3\n", "test.csv");
        Assert.False(result.IsSuccess);
        Assert.Equal(("test.csv", 3), (result.Problem!.Source, result.Problem.Line));
        Assert.Contains("1 fields where the header has 2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Weighted_frequencies_count_missing_apart()
    {
        var data = Dataset.ParseCsv("x,w\nA,2\nB,1\n,1\nA,0.5\n", "test.csv").Value!;
        var table = Analyse.Frequencies(data, "x", "w").Value!;
        Assert.Equal(3.5, table.N);
        Assert.Equal(1, table.Missing);
        Assert.Equal("A", table.Rows[0].Value);
        Assert.Equal(2.5, table.Rows[0].Count);
        Assert.Equal(100 * 2.5 / 4.5, table.Rows[0].Percent, 12);
        Assert.Equal(100 * 2.5 / 3.5, table.Rows[0].ValidPercent, 12);
    }
}
