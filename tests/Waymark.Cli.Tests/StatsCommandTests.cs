using System.Text.Json;

namespace Waymark.Cli.Tests;

public sealed class StatsCommandTests
{
    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    private static string Csv(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"waymark-stats-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Crosstab_prints_json_with_fisher_for_a_2x2_table()
    {
        var path = Csv("guess,truth,n\nMilk,Milk,3\nTea,Milk,1\nMilk,Tea,1\nTea,Tea,3\n");
        var (code, output, error) = await RunAsync("stats", "crosstab", path, "--row", "guess", "--col", "truth", "--weight", "n", "--json");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(0.48571428571428599, json.RootElement.GetProperty("fisher_exact").GetProperty("p").GetDouble(), 12);
    }

    [Fact]
    public async Task A_missing_column_exits_1_and_names_the_columns()
    {
        var path = Csv("a,b\n1,0\n");
        var (code, _, error) = await RunAsync("stats", "freq", path, "--var", "c", "--json");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("no column 'c'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logit_rejects_a_non_binary_outcome_with_exit_1()
    {
        var path = Csv("y,x\n0,1\n3,2\n1,3\n0,4\n");
        var (code, _, error) = await RunAsync("stats", "logit", path, "--outcome", "y", "--predictors", "x", "--json");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("must be 0 or 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logit_takes_a_reference_level_and_weights()
    {
        var path = Csv("y,g,n\n0,a,3\n1,a,1\n0,b,1\n1,b,2\n0,c,2\n1,c,2\n");
        var (code, output, error) = await RunAsync("stats", "logit", path, "--outcome", "y", "--predictors", "g", "--weight", "n", "--ref", "g=b", "--json");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        var terms = json.RootElement.GetProperty("coefficients").EnumerateArray().Select(c => c.GetProperty("term").GetString());
        Assert.Equal(["(Intercept)", "ga", "gc"], terms);
        Assert.Equal(11, json.RootElement.GetProperty("n").GetDouble());
    }

    [Fact]
    public async Task Timing_goes_to_standard_error_and_leaves_the_json_alone()
    {
        var path = Csv("a,b\nx,1\ny,2\nx,3\n");
        var (code, output, error) = await RunAsync("stats", "freq", path, "--var", "a", "--json", "--timing");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Matches(@"^read=\d+\.\d{3} analysis=\d+\.\d{3}", error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(3, json.RootElement.GetProperty("rows_used").GetInt32());
    }
}
