using Microsoft.Playwright;
using Waymark.Accounts;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// Chromium with JavaScript off: an editor signs in (password, then enrolment), uploads a term
/// list, tests a query, views the counters; every page passes the page checker.
/// </summary>
public sealed class ScreeningConsoleBrowserTests(PageChecker checker) : IClassFixture<PageChecker>, IAsyncLifetime
{
    private const string Password = "browser editor password";
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task CheckAsync(List<string> problems, IPage page) =>
        problems.AddRange((await checker.CheckHtmlAsync(new Uri(page.Url), await page.ContentAsync())).Select(p => $"{page.Url}: {p}"));

    [Fact]
    public async Task An_editor_uploads_a_list_tests_a_query_and_reads_the_counters_without_javascript()
    {
        await using (var database = await WaymarkDatabase.OpenAsync(new StorageSettings { DataDirectory = _server.DataDirectory }))
        {
            Assert.True((await new ConsoleAccounts(database, TimeProvider.System, TotpSecretBox.None).AddAsync("edna", ConsoleRole.Editor, Password, "test")).IsSuccess);
        }

        using (var http = new HttpClient())
        {
            (await http.GetAsync(new Uri(_server.PublicUrl, "/en/warning?v=neutral"))).Dispose();
        }

        var problems = new List<string>();
        await using var context = await checker.NewNoScriptContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_server.ConsoleUrl, "/console/screening").ToString());
        await ConsoleBrowser.SignInEnrollingAsync(page, "edna", Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Editing", Exact = true }).ClickAsync();
        await CheckAsync(problems, page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Screening: term lists, test a query" }).ClickAsync();
        Assert.Equal("/console/screening", new Uri(page.Url).AbsolutePath);
        await CheckAsync(problems, page);

        await page.GetByLabel("Name of the list").FillAsync("browser-placeholders");
        await page.GetByLabel("Term list file").SetInputFilesAsync(new FilePayload
        {
            Name = "placeholders.tsv",
            MimeType = "text/tab-separated-values",
            Buffer = "zorblat\t*\ttoken\tcsam\nvrel dapto\t*\tphrase\tcsam\n"u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and activate" }).ClickAsync();
        Assert.Contains("stored with 2 terms", await page.Locator("#message").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(problems, page);

        await page.GetByLabel("Query").FillAsync("cheap z.o.r.b.l.a.t now");
        await page.GetByLabel("Searcher's language").SelectOptionAsync("fi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test", Exact = true }).ClickAsync();
        Assert.Equal("Warned", await page.Locator("#test-result-title").InnerTextAsync());
        Assert.Equal("zorblat", await page.Locator("#matched-term").InnerTextAsync());
        Assert.Equal("browser-placeholders", await page.Locator("#matched-list").InnerTextAsync());
        await CheckAsync(problems, page);

        await page.GetByRole(AriaRole.Link, new() { Name = "message variants" }).ClickAsync();
        await CheckAsync(problems, page);
        await page.GetByRole(AriaRole.Link, new() { Name = "translated: neutral in ar" }).ClickAsync();
        Assert.Equal("rtl", await page.Locator("section.warning").GetAttributeAsync("dir"));
        await CheckAsync(problems, page);

        await page.GotoAsync(new Uri(_server.ConsoleUrl, "/console/screening/counters").ToString());
        await CheckAsync(problems, page);
        Assert.Contains("By message variant", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync(new Uri(_server.ConsoleUrl, "/console/selfhelp").ToString());
        await CheckAsync(problems, page);
        await page.GetByRole(AriaRole.Link, new() { Name = "own: module why-change in ar" }).ClickAsync();
        await CheckAsync(problems, page);
        PageChecker.AssertClean(problems);
    }
}
