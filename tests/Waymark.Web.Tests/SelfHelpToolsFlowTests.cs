using System.Text;
using Microsoft.Playwright;
using Waymark.SelfHelp.Tools;
using Waymark.Storage;
using Waymark.Testing;
using Waymark.Web.Tests.Console;

namespace Waymark.Web.Tests;

/// <summary>
/// The self-help tools as a person uses them, in Chromium with JavaScript off, on a server whose clock the test
/// moves: the self-assessment and its suggested module, two weekly check-ins a week apart with their chart, the
/// crisis lines a check-in brings up, the CSV download, resuming from the phrase alone, a safety plan, deleting.
/// Every page passes the page checker and fits a 360 px screen; the database then holds no row and no plaintext.
/// </summary>
public sealed class SelfHelpToolsFlowTests(PageChecker checker) : IClassFixture<PageChecker>
{
    // Distinctive, benign answers: if these bytes appear anywhere in storage, plaintext leaked.
    private const string StepsWeekOne = "zorblat-walk 5512 and a call";
    private const string StepsWeekTwo = "quenmix-evening 6630 outside";
    private const string PlanSigns = "blorvex-sign 8821 late nights alone";

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Assessment_two_weekly_check_ins_chart_resume_safety_plan_and_delete_leave_no_trace(string language)
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var server = new InProcessServer(DatabaseEngine.Sqlite, clock);
        await server.InitializeAsync();
        var problems = new List<string>();
        var weekOne = CheckIns.WeekOf(clock.Now);
        string phrase;

        await using (var context = await checker.NewNoScriptContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(server.PublicUrl, $"/{language}/help").ToString());
            await page.Locator($"ul.tools a[href='/{language}/help/self-assessment']").ClickAsync();
            await CheckAsync(page, problems);

            // Viewing 1 (four modules), contact 4 (risk of contact, professional help), low mood 2 (emotions, a good life, professional help).
            await page.CheckAsync("input[name$='-a.viewing'][value='1']");
            await page.CheckAsync("input[name$='-a.contact'][value='4']");
            await page.CheckAsync("input[name$='-a.mood'][value='2']");
            await page.Locator("button[formaction$='handler=Suggest']").ClickAsync();
            Assert.Equal(0, await page.Locator(".phrase").CountAsync()); // a suggestion alone stores nothing
            Assert.Equal(0L, await VaultRowsAsync(server));
            var suggested = new List<string>();
            foreach (var link in (await page.Locator("ol.suggested a").AllAsync()).Take(6))
            {
                suggested.Add((await link.GetAttributeAsync("href"))!.Split('/')[^1]);
            }

            Assert.Equal(["why-change", "professional-help", "risk-of-contact", "emotions", "life-worth-living", "real-not-virtual"], suggested);
            await page.Locator("button[formaction$='handler=SaveNewPhrase']").ClickAsync();
            phrase = (await page.Locator(".phrase .words").InnerTextAsync()).Trim();
            Assert.True(await page.IsCheckedAsync("input[name$='-a.contact'][value='4']"));
            await CheckAsync(page, problems);

            // Follow the module the assessment puts first after the introduction.
            await page.Locator("ol.suggested li").Nth(1).Locator("button").ClickAsync();
            Assert.EndsWith($"/{language}/help/professional-help?handler=Open", page.Url, StringComparison.Ordinal);
            Assert.Equal(1, await page.Locator($"nav.tool-links form[action='/{language}/help/safety-plan?handler=Open']").CountAsync());
            await page.Locator("button[formaction$='handler=Save']").ClickAsync();
            Assert.Equal(1, await page.Locator($"form[action='/{language}/help/why-change?handler=Open'] button.next").CountAsync());
            await CheckAsync(page, problems);

            // Week one's check-in, through the overview.
            await page.Locator($"form[action='/{language}/help?handler=Overview'] button").ClickAsync();
            Assert.Equal(1, await page.Locator($"a.next, form[action='/{language}/help/why-change?handler=Open'] button.next").CountAsync());
            await page.Locator($"form[action='/{language}/help/check-in?handler=Open'] button").ClickAsync();
            Assert.Contains(weekOne, await page.Locator("form.exercises h2").InnerTextAsync(), StringComparison.Ordinal);
            await FillCheckInAsync(page, viewing: 3, urges: 7, mood: 4, StepsWeekOne);
            await page.Locator("button[formaction$='handler=Save']").ClickAsync();
            Assert.Equal(1, await page.Locator(".outcome").CountAsync());
            Assert.Equal(1, await page.Locator("table.check-ins tbody tr").CountAsync());
            Assert.Equal(3, await page.Locator("svg.chart").CountAsync());
            Assert.Equal(0, await page.Locator(".crisis").CountAsync());
            await CheckAsync(page, problems);
        }

        // A week later, in a new browser: the form from last week has expired; the phrase opens the vault.
        clock.Now += TimeSpan.FromDays(7);
        var weekTwo = CheckIns.WeekOf(clock.Now);
        Assert.NotEqual(weekOne, weekTwo);
        await using (var context = await checker.NewNoScriptContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(server.PublicUrl, $"/{language}/help/check-in").ToString());
            await FillCheckInAsync(page, viewing: 1, urges: 4, mood: 6, StepsWeekTwo);
            await page.CheckAsync("input[name$='-a.concerns.hopeless']");
            await page.FillAsync("#phrase", phrase);
            await page.Locator("button[formaction$='handler=SaveWithPhrase']").ClickAsync();
            Assert.Equal(1, await page.Locator(".outcome").CountAsync());

            // Hopelessness brings the crisis lines to the top of the page.
            Assert.Equal(1, await page.Locator("section.crisis").CountAsync());
            Assert.Equal(1, await page.Locator("section.crisis #entry-befrienders-worldwide").CountAsync());
            Assert.Equal(language == "en" ? 1 : 0, await page.Locator("section.crisis #entry-stop-it-now-uk").CountAsync());

            // Two weeks on the chart and in the table, oldest first.
            Assert.Equal([weekOne, weekTwo], await page.Locator("table.check-ins tbody th").AllInnerTextsAsync());
            Assert.Equal(6, await page.Locator("svg.chart circle").CountAsync());
            Assert.Equal(3, await page.Locator("svg.chart polyline").CountAsync());
            Assert.Equal(3, await page.Locator("svg.chart title").CountAsync());
            await CheckAsync(page, problems);

            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("form[action$='handler=Export'] button").ClickAsync());
            Assert.Equal("check-ins.csv", download.SuggestedFilename);
            var lines = (await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8)).Split("\r\n");
            Assert.Equal("week,viewing-days,urges,mood,steps,concerns.hopeless,concerns.self-harm,concerns.contact-risk", lines[0]);
            Assert.Equal($"{weekOne},3,7,4,{StepsWeekOne},,,", lines[1]);
            Assert.Equal($"{weekTwo},1,4,6,{StepsWeekTwo},yes,,", lines[2]);
        }

        // Resume from the phrase alone in a fresh browser, see the chart, and make a safety plan in one click.
        await using (var context = await checker.NewNoScriptContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(server.PublicUrl, $"/{language}/help").ToString());
            await page.FillAsync("#phrase", phrase.ToUpperInvariant());
            await page.Locator("form[action$='handler=Resume'] button").ClickAsync();
            Assert.Equal(1, await page.Locator(".done").CountAsync()); // the module followed; tools are not modules
            await page.Locator($"form[action='/{language}/help/check-in?handler=Open'] button").ClickAsync();
            Assert.Equal(2, await page.Locator("table.check-ins tbody tr").CountAsync());
            Assert.Equal(6, await page.Locator("svg.chart circle").CountAsync());
            Assert.Equal("6", await page.Locator("input[name$='-a.mood']:checked").GetAttributeAsync("value")); // this week's answers
            await CheckAsync(page, problems);

            await page.Locator($"nav.tool-links form[action='/{language}/help/safety-plan?handler=Open'] button").ClickAsync();
            await page.FillAsync("#x-plan-warning-signs", PlanSigns);
            await page.FillAsync("#x-plan-people", "a friend");
            await page.Locator("button[formaction$='handler=Save']").ClickAsync();
            Assert.Equal(1, await page.Locator(".outcome").CountAsync());
            Assert.Equal(PlanSigns, await page.InputValueAsync("#x-plan-warning-signs"));
            await CheckAsync(page, problems);
        }

        AssertNoPlaintext(await DatabaseBytesAsync(server), phrase, "the SQLite files while the vault exists");
        Assert.Equal(1L, await VaultRowsAsync(server));

        await using (var context = await checker.NewNoScriptContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(server.PublicUrl, $"/{language}/help/delete").ToString());
            await page.FillAsync("#phrase", phrase);
            await page.CheckAsync("input[name$='-confirm']");
            await page.Locator("form button").ClickAsync();
            Assert.Equal(1, await page.Locator(".outcome").CountAsync());
        }

        Assert.Equal(0L, await VaultRowsAsync(server));
        AssertNoPlaintext(await DatabaseBytesAsync(server), phrase, "the SQLite files after deleting");
        PageChecker.AssertClean(problems);
    }

    private static async Task FillCheckInAsync(IPage page, int viewing, int urges, int mood, string steps)
    {
        await page.CheckAsync($"input[name$='-a.viewing-days'][value='{viewing}']");
        await page.CheckAsync($"input[name$='-a.urges'][value='{urges}']");
        await page.CheckAsync($"input[name$='-a.mood'][value='{mood}']");
        await page.FillAsync("#x-steps", steps);
    }

    /// <summary>The page checker and the 360 px width on the page as the browser has it (a GET or a POST result).</summary>
    private async Task CheckAsync(IPage page, List<string> problems)
    {
        var url = new Uri(page.Url);
        var html = await page.ContentAsync();
        problems.AddRange(await checker.CheckHtmlAsync(url, html));
        problems.AddRange(await checker.CheckNarrowScreenAsync(url, html));
    }

    private static async Task<long> VaultRowsAsync(InProcessServer server)
    {
        await using var connection = await server.Database.OpenConnectionAsync(CancellationToken.None);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM selfhelp_vaults";
        return Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<byte[]> DatabaseBytesAsync(InProcessServer server)
    {
        var bytes = new List<byte>();
        foreach (var file in Directory.EnumerateFiles(server.Storage.DataDirectory, "waymark.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            bytes.AddRange(memory.ToArray());
        }

        Assert.NotEmpty(bytes);
        return [.. bytes];
    }

    private static void AssertNoPlaintext(byte[] haystack, string phrase, string where)
    {
        foreach (var secret in new[] { StepsWeekOne, StepsWeekTwo, PlanSigns, "zorblat-walk", "quenmix-evening", "blorvex-sign", phrase })
        {
            Assert.True(haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"'{secret}' found in {where}");
            Assert.True(haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) < 0, $"'{secret}' (UTF-16) found in {where}");
        }
    }
}
