using System.Globalization;
using Microsoft.Playwright;
using Waymark.Accounts;
using Waymark.Statistics;
using Waymark.Testing;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// Chromium with JavaScript off: an analyst signs in (password, then enrolment with a code computed
/// here), sees the counts, unlocks the sealed answers with the key file, runs a cross-tabulation with
/// chi-square and downloads the CSV export. Every page on the way passes the page checker.
/// </summary>
public sealed class AnalystBrowserTests(AnalystServer fixture, PageChecker checker) : IClassFixture<AnalystServer>, IClassFixture<PageChecker>, IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("AnalystBrowserTests");

    public void Dispose() => _temp.Dispose();

    private async Task CheckAsync(List<string> problems, IPage page) =>
        problems.AddRange((await checker.CheckHtmlAsync(new Uri(page.Url), await page.ContentAsync())).Select(p => $"{page.Url}: {p}"));

    [Fact]
    public async Task An_analyst_unlocks_with_the_key_file_cross_tabulates_and_downloads_the_csv_without_javascript()
    {
        const string name = "browser-analyst";
        Assert.True((await new ConsoleAccounts(fixture.Database, TimeProvider.System, TotpSecretBox.None).AddAsync(name, ConsoleRole.Analyst, AnalystServer.Password, "test")).IsSuccess);
        var problems = new List<string>();
        await using var context = await checker.NewNoScriptContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Server.ConsoleUrl, "/console/responses").ToString());
        await ConsoleBrowser.SignInEnrollingAsync(page, name, AnalystServer.Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Analysis", Exact = true }).ClickAsync();
        await CheckAsync(problems, page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Responses", Exact = true }).ClickAsync();
        Assert.Equal("/console/responses", new Uri(page.Url).AbsolutePath);
        Assert.Equal(AnalystServer.Plan.Length.ToString(CultureInfo.InvariantCulture), await page.Locator("#total-flow-test strong").InnerTextAsync());
        await CheckAsync(problems, page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Answers (unlock) of flow-test" }).ClickAsync();
        await CheckAsync(problems, page);
        await page.Locator("#key-file").SetInputFilesAsync(fixture.SecretKeyPath);
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlock", Exact = true }).ClickAsync();
        Assert.Contains("Unlocked", await page.Locator("#message").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(AnalystServer.Plan.Length, await page.Locator("#answers tbody tr").CountAsync());
        await CheckAsync(problems, page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Analyses", Exact = true }).ClickAsync();
        await CheckAsync(problems, page);
        await page.GetByLabel("Rows").SelectOptionAsync("helped");
        await page.GetByLabel("Columns").SelectOptionAsync("f1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cross-tabulate" }).ClickAsync();
        var shown = double.Parse((await page.Locator("#chi-square").GetAttributeAsync("value"))!, CultureInfo.InvariantCulture);
        var csv = "helped,f1\n" + string.Concat(AnalystServer.Plan.Select(p => $"{p.Helped},{p.F1}\n"));
        Assert.Equal(Analyse.CrossTabulate(Dataset.ParseCsv(csv, "plan").Value!, "helped", "f1").Value!.ChiSquare, shown);
        // Cells of 1 to 4 are hidden; the row-percent chart would give them back, so it is left out.
        Assert.Equal(0, await page.Locator("#crosstab svg[role=img]").CountAsync());
        Assert.True(await page.Locator("#crosstab-chart-left-out").IsVisibleAsync());
        Assert.Contains("<5", await page.Locator("#crosstab-counts").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(problems, page);

        // A summary in the form's order with its chart, then the same with attention-check failures left out (the filter form, a GET).
        await page.GetByLabel("Question").SelectOptionAsync("f1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Summarise" }).ClickAsync();
        Assert.Equal(["Never", "Sometimes", "Often"], await page.Locator("#frequency-table tbody th").AllInnerTextsAsync());
        Assert.Equal(1, await page.Locator("#frequencies svg[role=img]").CountAsync());
        await CheckAsync(problems, page);
        await page.Locator("#filter-flag-attention").SelectOptionAsync("exclude");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        Assert.Contains("flag-attention=exclude", page.Url, StringComparison.Ordinal);
        Assert.StartsWith($"{AnalystServer.Plan.Count(p => !p.FailsAttention)} of {AnalystServer.Plan.Length} ", await page.Locator("#filter-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#frequency-table").CountAsync());
        await page.GetByLabel("Question").SelectOptionAsync("age");
        await page.GetByRole(AriaRole.Button, new() { Name = "Summarise" }).ClickAsync();
        Assert.Equal(1, await page.Locator("#numbers svg[role=img]").CountAsync());
        Assert.Contains("flag-attention=exclude", page.Url, StringComparison.Ordinal); // the filter travels with the analysis
        await CheckAsync(problems, page);

        // The exports page keeps the filter the analyses had: the file holds the responses it keeps.
        await page.GetByRole(AriaRole.Link, new() { Name = "Exports", Exact = true }).First.ClickAsync();
        Assert.Contains("flag-attention=exclude", page.Url, StringComparison.Ordinal);
        await CheckAsync(problems, page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV data" }).ClickAsync());
        Assert.Equal("flow-test.csv", download.SuggestedFilename);
        var path = Path.Combine(_temp.NewFolder("browser-download"), download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var lines = (await File.ReadAllTextAsync(path)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AnalystServer.Plan.Count(p => !p.FailsAttention) + 1, lines.Length);
        PageChecker.AssertClean(problems);
    }
}
