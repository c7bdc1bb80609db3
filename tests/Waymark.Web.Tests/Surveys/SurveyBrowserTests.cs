using System.Text.Json;
using Microsoft.Playwright;
using Waymark.Responses;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Web.Tests.Surveys;

/// <summary>
/// Chromium with JavaScript off (Tor Browser's Safest mode) completes both demo surveys in English
/// and in Arabic: next, a constraint error, back (answers kept), a language switch (answers kept), a
/// resume code taken in one browser and used in another with no cookie, and the thank-you page.
/// Every page on the way passes the page checker.
/// </summary>
/// <remarks>
/// The demo-survey tests share one server (a start costs seconds): each finds its own response by its own
/// language and age; the repeat tests need their own forms folder and start their own.
/// </remarks>
public sealed class SurveyBrowserTests(PageChecker checker, ServerFixture fixture) : IClassFixture<PageChecker>, IClassFixture<ServerFixture>, IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("SurveyBrowserTests");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("help-us-help-you", "en", "ar")]
    [InlineData("help-us-help-you", "ar", "en")]
    [InlineData("no-need-for-help", "en", "ar")]
    [InlineData("no-need-for-help", "ar", "en")]
    public async Task A_respondent_without_JavaScript_completes_the_demo_survey(string survey, string language, string other)
    {
        var problems = new List<string>();
        var start = new Uri(fixture.Server.PublicUrl, $"/{language}/s/{survey}");
        problems.AddRange(await checker.CheckUrlAsync(start));
        problems.AddRange(await checker.CheckUrlAsync(new Uri(start + "/resume")));

        await using var context = await checker.NewNoScriptContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(start.ToString());
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        await ClickAsync(page, "start", problems);

        // The intro note, then the page with the age question.
        await ClickAsync(page, "next", problems);
        Assert.Equal(1, await page.Locator("input[name$='-age']").CountAsync());
        await page.FillAsync("input[name$='-age']", "5");
        await ClickAsync(page, "next", problems);
        Assert.True(await page.Locator(".error").First.IsVisibleAsync(), "the constraint error is shown");
        Assert.Equal("true", await page.GetAttributeAsync("input[name$='-age']", "aria-invalid"));
        var progress = await page.TextContentAsync(".progress");
        await page.FillAsync("input[name$='-age']", "31");
        await ClickAsync(page, "next", problems);
        Assert.NotEqual(progress, await page.TextContentAsync(".progress"));

        // Back keeps the answer; a language switch keeps it too, and so does switching back.
        await ClickAsync(page, "back", problems);
        Assert.Equal("31", await page.InputValueAsync("input[name$='-age']"));
        await page.Locator($"button[formaction='/{other}/s/{survey}']").ClickAsync();
        Assert.Equal(other, await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("31", await page.InputValueAsync("input[name$='-age']"));
        problems.AddRange(await checker.CheckHtmlAsync(new Uri(page.Url), await page.ContentAsync()));
        await page.Locator($"button[formaction='/{language}/s/{survey}']").ClickAsync();
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        await ClickAsync(page, "next", problems);

        // Answer the first choice of this page, then take a resume code.
        await page.Locator("input[type=radio], input[type=checkbox]").First.CheckAsync();
        var pageBeforeSaving = await page.TextContentAsync(".progress");
        await ClickAsync(page, "save", problems);
        var code = (await page.TextContentAsync(".code"))!.Trim();
        Assert.Equal(6, code.Split(' ').Length);

        // A different browser, no cookie shared: the code brings the respondent back to the same page.
        await using var elsewhere = await checker.NewNoScriptContextAsync();
        var resumed = await elsewhere.NewPageAsync();
        await resumed.GotoAsync(start + "/resume");
        await resumed.FillAsync("input[name$='-code']", "zorblat quenmix");
        await ClickAsync(resumed, "resume", problems);
        Assert.True(await resumed.Locator(".alert").IsVisibleAsync(), "a wrong code is explained");
        await resumed.FillAsync("input[name$='-code']", code.ToUpperInvariant());
        await ClickAsync(resumed, "resume", problems);
        Assert.Equal(pageBeforeSaving, await resumed.TextContentAsync(".progress"));
        Assert.True(await resumed.Locator("input[type=radio]:checked, input[type=checkbox]:checked").CountAsync() > 0, "the saved answer is back");
        Assert.Empty(await elsewhere.CookiesAsync());

        for (var guard = 0; guard < 20 && await resumed.Locator(".progress").CountAsync() > 0; guard++)
        {
            await ClickAsync(resumed, "next", problems);
        }

        Assert.True(await resumed.Locator("[role=status]").IsVisibleAsync(), "the thank-you page is shown");
        Assert.True(await resumed.Locator($"main a[href='/{language}/']").CountAsync() > 0, "the thank-you page links to help");
        Assert.Empty(await context.CookiesAsync());
        PageChecker.AssertClean(problems);

        await using var database = await WaymarkDatabase.OpenAsync(new StorageSettings { DataDirectory = fixture.Server.DataDirectory });
        var ages = (await database.SurveyResponses.ReadAsync(survey))
            .Select(r => Record(r))
            .Where(r => r.GetProperty("language").GetString() == language)
            .Select(r => r.GetProperty("answers").GetProperty("age").GetString());
        Assert.Contains("31", ages);
    }

    /// <summary>Someone under 18 gets the page for young people (help routes for them) and then the end: no adult question.</summary>
    [Theory]
    [InlineData("help-us-help-you")]
    [InlineData("no-need-for-help")]
    public async Task A_respondent_under_18_meets_the_youth_page_and_no_adult_question(string survey)
    {
        var problems = new List<string>();
        await using var context = await checker.NewNoScriptContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Server.PublicUrl, $"/en/s/{survey}").ToString());
        await ClickAsync(page, "start", problems);
        await ClickAsync(page, "next", problems);
        await page.FillAsync("input[name$='-age']", "15");
        await ClickAsync(page, "next", problems);

        var text = await page.InnerTextAsync("main");
        Assert.Contains("This survey is for adults", text, StringComparison.Ordinal);
        Assert.Contains("https://childhelplineinternational.org", text, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("input[type=radio], input[type=checkbox], textarea").CountAsync());
        await ClickAsync(page, "next", problems);
        Assert.True(await page.Locator("[role=status]").IsVisibleAsync(), "the survey ends after the youth page");
        PageChecker.AssertClean(problems);

        await using var database = await WaymarkDatabase.OpenAsync(new StorageSettings { DataDirectory = fixture.Server.DataDirectory });
        var youth = (await database.SurveyResponses.ReadAsync(survey))
            .Select(r => Record(r).GetProperty("answers"))
            .Single(a => a.TryGetProperty("age", out var age) && age.GetString() == "15");
        Assert.Equal(["age"], youth.EnumerateObject().Select(p => p.Name));
    }

    /// <summary>
    /// A form with an open repeat, sealed as folder forms are by default: "Add another" and "Remove this one" are plain
    /// buttons, every answer given before a click is kept, a resume code brings the instances back, and the sealed
    /// response holds the remaining instance under its keys.
    /// </summary>
    [Fact]
    public async Task A_respondent_without_JavaScript_adds_and_removes_repeat_instances()
    {
        var folder = SurveyTestForms.NewRepeatFolder(_temp);
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string> { ["WAYMARK_SURVEYS_DIR"] = folder });
        var problems = new List<string>();
        var start = new Uri(server.PublicUrl, "/en/s/" + SurveyTestForms.RepeatTest);
        await using var context = await checker.NewNoScriptContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(start.ToString());
        await ClickAsync(page, "start", problems);

        // One instance to begin with; answer it, then add a second: the first answer is kept.
        Assert.Equal(1, await page.Locator("fieldset.instance").CountAsync());
        await page.FillAsync("input[name$='-mname[1]']", "Ann");
        await page.FillAsync("input[name$='-age[1]']", "40");
        await ClickAsync(page, "add:member", problems);
        Assert.Equal(2, await page.Locator("fieldset.instance").CountAsync());
        Assert.Equal("Ann", await page.InputValueAsync("input[name$='-mname[1]']"));
        await page.FillAsync("input[name$='-mname[2]']", "Bo");
        await page.FillAsync("input[name$='-age[2]']", "9");

        // Remove the first: the second moves up with its answers; a typed answer on the page is kept too.
        await ClickAsync(page, "remove:member:1", problems);
        Assert.Equal(1, await page.Locator("fieldset.instance").CountAsync());
        Assert.Equal(("Bo", "9"), (await page.InputValueAsync("input[name$='-mname[1]']"), await page.InputValueAsync("input[name$='-age[1]']")));

        // Saved and resumed in another browser: the instance comes back.
        await ClickAsync(page, "save", problems);
        var code = (await page.TextContentAsync(".code"))!.Trim();
        await using var elsewhere = await checker.NewNoScriptContextAsync();
        var resumed = await elsewhere.NewPageAsync();
        await resumed.GotoAsync(start + "/resume");
        await resumed.FillAsync("input[name$='-code']", code);
        await ClickAsync(resumed, "resume", problems);
        Assert.Equal("Bo", await resumed.InputValueAsync("input[name$='-mname[1]']"));

        // A constraint in the instance is checked in it; then the last page and the thank-you page.
        await resumed.FillAsync("input[name$='-age[1]']", "300");
        await ClickAsync(resumed, "next", problems);
        Assert.Equal("true", await resumed.GetAttributeAsync("input[name$='-age[1]']", "aria-invalid"));
        await resumed.FillAsync("input[name$='-age[1]']", "9");
        await ClickAsync(resumed, "next", problems);
        await ClickAsync(resumed, "next", problems);
        Assert.True(await resumed.Locator("[role=status]").IsVisibleAsync(), "the thank-you page is shown");
        PageChecker.AssertClean(problems);

        await using var database = await WaymarkDatabase.OpenAsync(new StorageSettings { DataDirectory = server.DataDirectory });
        var stored = Assert.Single(await database.SurveyResponses.ReadAsync(SurveyTestForms.RepeatTest));
        var answers = Record(stored, server).GetProperty("answers").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}").Order(StringComparer.Ordinal);
        Assert.Equal(["age[1]=9", "member=1", "members=1", "mname[1]=Bo"], answers);
    }

    /// <summary>
    /// A counted repeat in Chromium with JavaScript off: the instances a count makes get their questions' defaults (as ODK
    /// fills a new instance's), an instance the respondent has seen keeps a default they cleared, and raising the count
    /// later gives only the new instances their defaults. The stored response holds exactly that.
    /// </summary>
    [Fact]
    public async Task New_instances_of_a_counted_repeat_get_their_defaults_without_JavaScript()
    {
        var folder = SurveyTestForms.NewCountedRepeatFolder(_temp);
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string> { ["WAYMARK_SURVEYS_DIR"] = folder });
        var problems = new List<string>();
        await using var context = await checker.NewNoScriptContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(server.PublicUrl, "/en/s/" + SurveyTestForms.CountedRepeatTest).ToString());
        await ClickAsync(page, "start", problems);

        // Two visits: two instances, each with the defaults.
        await page.FillAsync("input[name$='-visits']", "2");
        await ClickAsync(page, "next", problems);
        Assert.Equal(2, await page.Locator("fieldset.instance").CountAsync());
        Assert.Equal(("30", "30"), (await page.InputValueAsync("input[name$='-minutes[1]']"), await page.InputValueAsync("input[name$='-minutes[2]']")));
        Assert.True(await page.IsCheckedAsync("input[name$='-helped[2]'][value='yes']"));

        // The second visit's minutes cleared, then back to say three visits: only the third is new and gets the default.
        await page.FillAsync("input[name$='-minutes[2]']", string.Empty);
        await page.FillAsync("input[name$='-minutes[1]']", "45");
        await ClickAsync(page, "back", problems);
        await page.FillAsync("input[name$='-visits']", "3");
        await ClickAsync(page, "next", problems);
        Assert.Equal(3, await page.Locator("fieldset.instance").CountAsync());
        Assert.Equal(
            ("45", string.Empty, "30"),
            (await page.InputValueAsync("input[name$='-minutes[1]']"), await page.InputValueAsync("input[name$='-minutes[2]']"), await page.InputValueAsync("input[name$='-minutes[3]']")));
        Assert.True(await page.IsCheckedAsync("input[name$='-helped[3]'][value='yes']"));
        await ClickAsync(page, "next", problems);
        Assert.True(await page.Locator("[role=status]").IsVisibleAsync(), "the thank-you page is shown");
        PageChecker.AssertClean(problems);

        await using var database = await WaymarkDatabase.OpenAsync(new StorageSettings { DataDirectory = server.DataDirectory });
        var stored = Assert.Single(await database.SurveyResponses.ReadAsync(SurveyTestForms.CountedRepeatTest));
        var answers = Record(stored, server).GetProperty("answers").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}").Order(StringComparer.Ordinal);
        Assert.Equal(["helped[1]=yes", "helped[2]=yes", "helped[3]=yes", "minutes[1]=45", "minutes[3]=30", "visit=3", "visits=3"], answers);
    }

    /// <summary>
    /// A stored response of a demo survey, opened with the research key the server made in its data folder on
    /// first start: the demo surveys are sealed by default, so a response stored readable is a failure.
    /// </summary>
    private JsonElement Record(StoredResponse response, ServerProcess? server = null)
    {
        Assert.True(response.Sealed, "a demo survey's response is sealed");
        var key = SealingKeys.ReadSecret(Path.Combine((server ?? fixture.Server).DataDirectory, "research.key"));
        Assert.True(key.IsSuccess, key.Error);
        var opened = SealedBox.Open(response.Payload, key.Value!);
        Assert.True(opened.IsSuccess, opened.Error);
        return JsonDocument.Parse(opened.Value!).RootElement;
    }

    /// <summary>Clicks the form button with this action value and checks the page it leads to.</summary>
    private async Task ClickAsync(IPage page, string action, List<string> problems)
    {
        await page.Locator($"button[name$='-nav'][value='{action}']:not(.default-action)").First.ClickAsync();
        problems.AddRange((await checker.CheckHtmlAsync(new Uri(page.Url), await page.ContentAsync())).Select(p => $"{page.Url} after {action}: {p}"));
    }
}
