using Waymark.Testing;

namespace Waymark.Cli.Tests;

public sealed class ReportCommandTests
{
    private static readonly string Examples = Path.Combine(TestEnvironment.RepositoryRoot, "docs", "examples");

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    [Fact]
    public async Task Report_writes_the_page_and_exits_0()
    {
        var html = Path.Combine(TestEnvironment.NewTempDirectory("report-cli"), "report.html");
        var (code, output, error) = await RunAsync("report", Path.Combine(Examples, "survey.csv"), "--spec", Path.Combine(Examples, "findings.yaml"), "--out", html);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains(html, output, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spec_naming_a_missing_column_exits_1_and_names_the_item()
    {
        var folder = TestEnvironment.NewTempDirectory("report-cli");
        var spec = Path.Combine(folder, "findings.yaml");
        await File.WriteAllTextAsync(spec, "items:\n  - freq: contact\n  - freq: zorblat\n");
        var (code, _, error) = await RunAsync("report", Path.Combine(Examples, "survey.csv"), "--spec", spec, "--out", Path.Combine(folder, "report.html"));
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("item 2 (freq zorblat)", error, StringComparison.Ordinal);
        Assert.Contains("no column 'zorblat'", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "report.html")), "a failed report writes no file");
    }
}
