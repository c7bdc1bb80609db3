using System.Globalization;
using Microsoft.Playwright;
using Waymark.Statistics;
using Waymark.Storage;
using Waymark.Testing;
using Waymark.Web.Tests.Surveys;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// A researcher's whole console journey on the real <c>waymark</c>, in Chromium with JavaScript off, on each
/// database engine: one account holding the editor and analyst roles (made with <c>waymark users
/// add</c>) signs in with a password and TOTP, uploads an XLSForm with the research team's public
/// key, publishes it; respondents answer on the public listener; the analyst sees the sealed
/// responses counted, unlocks them with the secret key, cross-tabulates with chi-square and
/// downloads every export. Every console page on the way passes the page checker.
/// </summary>
public sealed class AnalystJourneyTests(PageChecker checker) : IClassFixture<PageChecker>
{
    private const string Password = "journey test password";
    private const string FormId = "journey-check";

    /// <summary>What each respondent answers: (talked, mood); unequal on purpose so chi-square is not zero.</summary>
    private static readonly (string Talked, string Mood)[] Plan =
    [
        ("yes", "better"), ("yes", "better"), ("yes", "better"), ("yes", "same"), ("yes", "better"),
        ("no", "same"), ("no", "worse"), ("no", "worse"), ("no", "same"), ("yes", "same"), ("no", "worse"),
    ];

    private static byte[] Form() => InstrumentFiles.Xlsx(
    [
        ("survey", [
            ["type", "name", "label::English (en)", "label::العربية (ar)", "required"],
            ["begin group", "only", "Questions", "أسئلة", ""],
            ["select_one yesno", "talked", "Have you talked to someone?", "هل تحدثت إلى أحد؟", "yes"],
            ["select_one mood", "mood", "How do you feel since?", "كيف تشعر منذ ذلك الحين؟", "yes"],
            ["end group", "", "", "", ""],
        ]),
        ("choices", [
            ["list_name", "name", "label::English (en)", "label::العربية (ar)"],
            ["yesno", "yes", "Yes", "نعم"],
            ["yesno", "no", "No", "لا"],
            ["mood", "better", "Better", "أفضل"],
            ["mood", "same", "The same", "كما هو"],
            ["mood", "worse", "Worse", "أسوأ"],
        ]),
        ("settings", [
            ["form_id", "form_title", "version", "default_language", "style"],
            [FormId, "Journey check", "1", "en", "pages"],
        ]),
    ]);

    private async Task CheckAsync(List<string> problems, IPage page) =>
        problems.AddRange((await checker.CheckHtmlAsync(new Uri(page.Url), await page.ContentAsync())).Select(p => $"{page.Url}: {p}"));

    [Theory, MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_analyst_uploads_publishes_unlocks_cross_tabulates_and_exports_without_javascript(DatabaseEngine engine)
    {
        string? postgres = null;
        if (engine == DatabaseEngine.PostgreSql)
        {
            postgres = (await TestDatabases.CreateAsync(engine)).PostgresConnectionString;
        }

        await using var server = await ServerProcess.StartAsync(
            new Dictionary<string, string> { ["WAYMARK_SURVEYS_DIR"] = TestEnvironment.NewTempDirectory("no-surveys") }, postgres);
        var added = await server.RunCliAsync(Password, "users", "add", "anna", "--role", "editor,analyst", "--password-stdin");
        Assert.True(added.Code == 0, added.Error);
        var keys = TestEnvironment.NewTempDirectory("journey-keys");
        var generated = await ServerProcess.RunWaymarkAsync(null, "keys", "generate", "--out", keys);
        Assert.True(generated.Code == 0, generated.Error);
        var formPath = Path.Combine(keys, "journey.xlsx");
        await File.WriteAllBytesAsync(formPath, Form());

        var problems = new List<string>();
        await using var context = await checker.NewNoScriptContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, server);

        // Editor's half: upload with the public key, publish.
        await page.GetByRole(AriaRole.Link, new() { Name = "Instruments", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Upload an XLSForm" }).ClickAsync();
        await CheckAsync(problems, page);
        await page.GetByLabel("XLSForm (.xlsx)").SetInputFilesAsync(formPath);
        await page.Locator("#key-file").SetInputFilesAsync(Path.Combine(keys, "research.pub"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await CheckAsync(problems, page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await CheckAsync(problems, page);
        Assert.Contains("published", await page.Locator("main").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);

        // Respondents on the public listener, while the analyst watches the count.
        using var http = new HttpClient();
        await AnswerAsync(http, server, Plan[..5]);
        await page.GetByRole(AriaRole.Link, new() { Name = "Analysis", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Responses", Exact = true }).ClickAsync();
        Assert.Equal("5", await page.Locator($"#total-{FormId} strong").InnerTextAsync());
        await AnswerAsync(http, server, Plan[5..]);
        await page.ReloadAsync();
        Assert.Equal(Plan.Length.ToString(CultureInfo.InvariantCulture), await page.Locator($"#total-{FormId} strong").InnerTextAsync());
        await CheckAsync(problems, page);

        // Analyst's half: unlock, cross-tabulate, export.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Answers (unlock) of {FormId}" }).ClickAsync();
        await page.Locator("#key-file").SetInputFilesAsync(Path.Combine(keys, "research.key"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlock", Exact = true }).ClickAsync();
        Assert.Contains("Unlocked", await page.Locator("#message").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(Plan.Length, await page.Locator("#answers tbody tr").CountAsync());
        await CheckAsync(problems, page);

        await page.GotoAsync(new Uri(server.ConsoleUrl, $"/console/analyses/{FormId}").ToString());
        await page.GetByLabel("Rows").SelectOptionAsync("talked");
        await page.GetByLabel("Columns").SelectOptionAsync("mood");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cross-tabulate" }).ClickAsync();
        var shown = double.Parse((await page.Locator("#chi-square").GetAttributeAsync("value"))!, CultureInfo.InvariantCulture);
        var csv = "talked,mood\n" + string.Concat(Plan.Select(p => $"{p.Talked},{p.Mood}\n"));
        var expected = Analyse.CrossTabulate(Dataset.ParseCsv(csv, "plan").Value!, "talked", "mood").Value!.ChiSquare;
        Assert.Equal(expected, shown);
        Assert.True(shown > 0);
        // A table with a count of 1 to 4 hides it and leaves out the chart that would give it back.
        var anySmall = Plan.GroupBy(p => (p.Talked, p.Mood)).Any(g => g.Count() < 5);
        Assert.Equal(anySmall ? 0 : 1, await page.Locator("#crosstab svg[role=img]").CountAsync());
        Assert.Equal(anySmall ? 1 : 0, await page.Locator("#crosstab-chart-left-out").CountAsync());
        await CheckAsync(problems, page);

        await page.GotoAsync(new Uri(server.ConsoleUrl, $"/console/exports/{FormId}").ToString());
        await CheckAsync(problems, page);
        var downloads = TestEnvironment.NewTempDirectory("journey-downloads");
        foreach (var label in new[] { "CSV data", "Codebook (CSV)", "R script", "SPSS syntax", "Stata do-file" })
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download " + label }).ClickAsync());
            var path = Path.Combine(downloads, download.SuggestedFilename);
            await download.SaveAsAsync(path);
            Assert.StartsWith(FormId, download.SuggestedFilename, StringComparison.Ordinal);
            Assert.True(new FileInfo(path).Length > 0, label);
        }

        var rows = (await File.ReadAllTextAsync(Path.Combine(downloads, FormId + ".csv"))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Plan.Length + 1, rows.Length);
        PageChecker.AssertClean(problems);
    }

    private static async Task SignInAsync(IPage page, ServerProcess server)
    {
        await page.GotoAsync(new Uri(server.ConsoleUrl, "/console/login").ToString());
        await ConsoleBrowser.SignInEnrollingAsync(page, "anna", Password);
        Assert.Equal("/console", new Uri(page.Url).AbsolutePath);
    }

    private static async Task AnswerAsync(HttpClient http, ServerProcess server, IEnumerable<(string Talked, string Mood)> answers)
    {
        foreach (var (talked, mood) in answers)
        {
            var respondent = new HttpRespondent(http, server.PublicUrl, FormId);
            await respondent.OpenAsync();
            await respondent.PostAsync("start");
            await respondent.PostAsync("next", ("talked", talked), ("mood", mood));
            Assert.True(respondent.IsComplete, respondent.Html);
        }
    }
}
