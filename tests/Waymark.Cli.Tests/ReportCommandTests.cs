using Waymark.Testing;

namespace Waymark.Cli.Tests;

public sealed class ReportCommandTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ReportCommandTests");

    public void Dispose() => _temp.Dispose();

    private static readonly string Examples = Path.Combine(TestEnvironment.RepositoryRoot, "docs", "examples");

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => CliRun.RunAsync(args);

    [Fact]
    public async Task Report_writes_the_page_and_exits_0()
    {
        var html = Path.Combine(_temp.NewFolder("report-cli"), "report.html");
        var (code, output, error) = await RunAsync("report", Path.Combine(Examples, "survey.csv"), "--spec", Path.Combine(Examples, "findings.yaml"), "--out", html);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains(html, output, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spec_naming_a_missing_column_exits_1_and_names_the_item()
    {
        var folder = _temp.NewFolder("report-cli");
        var spec = Path.Combine(folder, "findings.yaml");
        await File.WriteAllTextAsync(spec, "items:\n  - freq: contact\n  - freq: zorblat\n");
        var (code, _, error) = await RunAsync("report", Path.Combine(Examples, "survey.csv"), "--spec", spec, "--out", Path.Combine(folder, "report.html"));
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("item 2 (freq zorblat)", error, StringComparison.Ordinal);
        Assert.Contains("no column 'zorblat'", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "report.html")), "a failed report writes no file");
    }

    [Fact]
    public async Task A_report_of_a_survey_export_counts_the_responses_per_form_version_first()
    {
        var folder = _temp.NewFolder("report-versions");
        var csv = Path.Combine(folder, "survey.csv");
        await File.WriteAllTextAsync(csv, "response_id,form_version,mood\nr1,1,good\nr2,2,bad\nr3,2,good\nr4,2,\n");
        var spec = Path.Combine(folder, "findings.yaml");
        await File.WriteAllTextAsync(spec, "items:\n  - freq: mood\n  - freq: zorblat\n");
        var html = Path.Combine(folder, "report.html");

        // The added section does not shift the numbers of the spec's own items.
        var (failed, _, why) = await RunAsync("report", csv, "--spec", spec, "--out", html);
        Assert.Equal(ExitCodes.Failure, failed);
        Assert.Contains("item 2 (freq zorblat)", why, StringComparison.Ordinal);

        await File.WriteAllTextAsync(spec, "items:\n  - freq: mood\n");
        var (code, _, error) = await RunAsync("report", csv, "--spec", spec, "--out", html);
        Assert.True(code == ExitCodes.Ok, error);
        var page = await File.ReadAllTextAsync(html);
        var versions = page.IndexOf("Responses by form version", StringComparison.Ordinal);
        Assert.True(versions >= 0 && versions < page.IndexOf("Frequencies of mood", StringComparison.Ordinal), page);
        var section = page[versions..page.IndexOf("Frequencies of mood", StringComparison.Ordinal)];
        Assert.Matches("<th scope=\"row\">1</th>\\s*<td[^>]*>1</td>", section);
        Assert.Matches("<th scope=\"row\">2</th>\\s*<td[^>]*>3</td>", section);
    }
}
