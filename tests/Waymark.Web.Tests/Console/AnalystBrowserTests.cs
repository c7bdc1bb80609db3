using System.Globalization;
using Microsoft.Playwright;
using Waymark.Statistics;
using Waymark.Testing;
using Waymark.Web.Accounts;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// Chromium with JavaScript off: an analyst signs in (password, then enrolment with a code computed
/// here), sees the counts, unlocks the sealed answers with the key file, runs a cross-tabulation with
/// chi-square and downloads the CSV export. Every page on the way passes the page checker.
/// </summary>
public sealed class AnalystBrowserTests(AnalystServer fixture, PageChecker checker) : IClassFixture<AnalystServer>, IClassFixture<PageChecker>
{
    private async Task CheckAsync(List<string> problems, IPage page) =>
        problems.AddRange((await checker.CheckHtmlAsync(new Uri(page.Url), await page.ContentAsync())).Select(p => $"{page.Url}: {p}"));

    [Fact]
    public async Task An_analyst_unlocks_with_the_key_file_cross_tabulates_and_downloads_the_csv_without_javascript()
    {
        const string name = "browser-analyst";
        Assert.True((await new ConsoleAccounts(fixture.Database, TimeProvider.System, TotpSecretBox.None).AddAsync(name, ConsoleRole.Analyst, AnalystServer.Password, "test")).Succeeded);
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
        Assert.Equal(Tabulation.CrossTab(CsvData.Parse(csv, "plan").Value!, "helped", "f1", null).Value!.ChiSquare, shown);
        Assert.Equal(1, await page.Locator("#crosstab svg[role=img]").CountAsync());
        await CheckAsync(problems, page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Exports", Exact = true }).First.ClickAsync();
        await CheckAsync(problems, page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV data" }).ClickAsync());
        Assert.Equal("flow-test.csv", download.SuggestedFilename);
        var path = Path.Combine(TestEnvironment.NewTempDirectory("browser-download"), download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var lines = (await File.ReadAllTextAsync(path)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(AnalystServer.Plan.Length + 1, lines.Length);
        PageChecker.AssertClean(problems);
    }
}
