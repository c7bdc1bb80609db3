using Microsoft.Playwright;
using Waymark.Testing;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// Chromium with JavaScript off: an editor made with <c>waymark users add</c> signs in, uploads a
/// broken form and reads its problems by row, uploads a good one, previews it in Arabic (right to
/// left), publishes it after confirming that responses are unsealed, and the public site serves it.
/// Every page on the way passes the page checker.
/// </summary>
public sealed class InstrumentBrowserTests(PageChecker checker) : IClassFixture<PageChecker>, IAsyncLifetime
{
    private readonly TempFolder _temp = TempFolder.Create("InstrumentBrowserTests");

    private const string Password = "browser editor password";
    private ServerProcess _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerProcess.StartAsync(new Dictionary<string, string> { ["WAYMARK_SURVEYS_DIR"] = _temp.NewFolder("no-surveys") });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    private async Task CheckAsync(List<string> problems, IPage page) =>
        problems.AddRange((await checker.CheckHtmlAsync(new Uri(page.Url), await page.ContentAsync())).Select(p => $"{page.Url}: {p}"));

    [Fact]
    public async Task An_editor_uploads_previews_in_arabic_and_publishes_without_javascript()
    {
        Assert.Equal(0, (await _server.RunCliAsync(Password, "users", "add", "ed", "--role", "editor", "--password-stdin")).Code);
        var folder = _temp.NewFolder("upload");
        var broken = Path.Combine(folder, "broken.xlsx");
        var good = Path.Combine(folder, "good.xlsx");
        await File.WriteAllBytesAsync(broken, InstrumentFiles.Broken("browser-check"));
        await File.WriteAllBytesAsync(good, InstrumentFiles.Good("browser-check"));

        var problems = new List<string>();
        await using var context = await checker.NewNoScriptContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_server.ConsoleUrl, "/console/login").ToString());
        await ConsoleBrowser.SignInEnrollingAsync(page, "ed", Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Instruments", Exact = true }).ClickAsync();
        Assert.Equal("/console/instruments", new Uri(page.Url).AbsolutePath);
        await CheckAsync(problems, page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Upload an XLSForm" }).ClickAsync();
        await CheckAsync(problems, page);

        await page.GetByLabel("XLSForm (.xlsx)").SetInputFilesAsync(broken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        var rows = await page.Locator("#problems tbody tr").AllInnerTextsAsync();
        Assert.Contains(rows, r => r.Contains("survey\t3\tA (type)", StringComparison.Ordinal) && r.Contains("geopoint", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("survey\t4\tA (type)", StringComparison.Ordinal) && r.Contains("nolist", StringComparison.Ordinal));
        await CheckAsync(problems, page);

        await page.GetByLabel("XLSForm (.xlsx)").SetInputFilesAsync(good);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        Assert.Matches("^/console/instruments/[0-9]+$", new Uri(page.Url).AbsolutePath);
        Assert.Equal("draft", await page.Locator("#status").InnerTextAsync());
        await CheckAsync(problems, page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Preview in ar" }).ClickAsync();
        Assert.Equal("rtl", await page.Locator("#preview").GetAttributeAsync("dir"));
        Assert.True(await page.GetByText("هل تحدثت إلى أحد؟").IsVisibleAsync());
        Assert.Equal(2, await page.Locator("fieldset[disabled]").CountAsync());
        await CheckAsync(problems, page);
        await page.GoBackAsync();

        await page.GetByLabel("I understand: publish with responses stored unsealed").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        Assert.Equal("published (served)", await page.Locator("#status").InnerTextAsync());
        await CheckAsync(problems, page);

        var survey = new Uri(_server.PublicUrl, "/en/s/browser-check");
        await page.GotoAsync(survey.ToString());
        Assert.Equal(InstrumentFiles.Title, await page.Locator("h1").InnerTextAsync());
        problems.AddRange(await checker.CheckUrlAsync(survey));
        PageChecker.AssertClean(problems);
    }
}
