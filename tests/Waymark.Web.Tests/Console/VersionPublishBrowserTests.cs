using Microsoft.Playwright;
using Waymark.Testing;
using Waymark.Web.Tests.Surveys;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// Chromium with JavaScript off: an editor publishes version 1 of a form, a respondent (a plain form client) starts it,
/// the editor uploads version 2 and sees, before publishing, which questions were added, removed or changed and that people
/// part-way through restart; after the publish that respondent's next step indeed starts the survey again, nothing kept.
/// </summary>
public sealed class VersionPublishBrowserTests(PageChecker checker) : IClassFixture<PageChecker>, IAsyncLifetime
{
    private readonly TempFolder _temp = TempFolder.Create("VersionPublishBrowserTests");

    private const string Password = "version editor password";
    private ServerProcess _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerProcess.StartAsync(new Dictionary<string, string> { ["WAYMARK_SURVEYS_DIR"] = _temp.NewFolder("no-surveys") });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Publishing_a_new_version_shows_the_question_changes_and_people_part_way_restart()
    {
        Assert.Equal(0, (await _server.RunCliAsync(Password, "users", "add", "ved", "--role", "editor", "--password-stdin")).Code);
        var folder = _temp.NewFolder("versions");
        var first = Path.Combine(folder, "v1.xlsx");
        var second = Path.Combine(folder, "v2.xlsx");
        await File.WriteAllBytesAsync(first, InstrumentFiles.Good("versioned"));
        await File.WriteAllBytesAsync(second, InstrumentFiles.SecondVersion("versioned"));

        var problems = new List<string>();
        await using var context = await checker.NewNoScriptContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_server.ConsoleUrl, "/console/login").ToString());
        await ConsoleBrowser.SignInEnrollingAsync(page, "ved", Password);

        async Task UploadAsync(string file)
        {
            await page.GotoAsync(new Uri(_server.ConsoleUrl, "/console/instruments/upload").ToString());
            await page.GetByLabel("XLSForm (.xlsx)").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
            Assert.Matches("^/console/instruments/[0-9]+$", new Uri(page.Url).AbsolutePath);
        }

        async Task PublishAsync()
        {
            await page.GetByLabel("I understand: publish with responses stored unsealed").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
            Assert.Equal("published (served)", await page.Locator("#status").InnerTextAsync());
        }

        // Version 1: nothing to compare with, no warning.
        await UploadAsync(first);
        Assert.Equal(0, await page.Locator("#changes, #changes-none, #restart-warning").CountAsync());
        await PublishAsync();

        // A respondent is on the first page of version 1 when version 2 arrives.
        using var http = new HttpClient();
        var respondent = new HttpRespondent(http, _server.PublicUrl, "versioned");
        await respondent.OpenAsync();
        await respondent.PostAsync("start");
        Assert.Contains("Have you talked to someone?", respondent.Html, StringComparison.Ordinal);

        await UploadAsync(second);
        Assert.Equal("Changes from version 1 (served now)", await page.Locator("#changes-heading").InnerTextAsync());
        var rows = await page.Locator("#changes tbody tr").AllInnerTextsAsync();
        Assert.Equal(
            ["talked\tchoices changed\tchoices added: unsure", "who\ttype changed\ttext → integer", "since\tadded\ttext", "more\tremoved\ttext"],
            rows);
        var warning = await page.Locator("#restart-warning").InnerTextAsync();
        Assert.Contains("People part-way through version 1 start again.", warning, StringComparison.Ordinal);
        Assert.Contains("resume codes saved in version 1 no longer open", warning, StringComparison.Ordinal);
        problems.AddRange((await checker.CheckHtmlAsync(new Uri(page.Url), await page.ContentAsync())).Select(p => $"{page.Url}: {p}"));
        await PublishAsync();

        // The warning tells the truth (a publish reloads this node's catalog at once): the respondent's next step starts the
        // survey again, their answers gone, and the new version follows.
        await respondent.PostAsync("next", ("talked", "yes"));
        Assert.Contains("Your place in the survey could not be read, so the survey starts again. Nothing was stored.", respondent.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Have you talked to someone?", respondent.Html, StringComparison.Ordinal);
        await respondent.PostAsync("start");
        Assert.Contains("Not sure", respondent.Html, StringComparison.Ordinal);
        PageChecker.AssertClean(problems);
    }
}
