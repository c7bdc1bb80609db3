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
/// add</c>) signs in with a password and TOTP; the keys come from <c>waymark keys generate</c> and the
/// secret key offered as the public one is refused; the XLSForm is uploaded with the public key,
/// previewed and published, and the page gives its public address; respondents answer on the public
/// listener with a plain form client; the analyst sees the sealed responses counted, unlocks them
/// with the secret key, cross-tabulates with chi-square, sets a response aside as a test, leaves the
/// attention-check failures out on the survey's dashboard (summaries in the form's order) and
/// downloads every export and then all of them as one zip, whose R script and SPSS syntax read the
/// data in R and PSPP. Every console page on the way passes the page checker.
/// </summary>
public sealed class AnalystJourneyTests(PageChecker checker) : IClassFixture<PageChecker>, IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("AnalystJourneyTests");

    public void Dispose() => _temp.Dispose();

    private const string Password = "journey test password";
    private const string FormId = "journey-check";

    /// <summary>
    /// What each respondent answers: (talked, mood, check); unequal on purpose so chi-square is not zero; two fail the
    /// attention check. Each is also given a different number of years (20 and up), so no two responses are duplicates.
    /// </summary>
    private static readonly (string Talked, string Mood, string Check)[] Plan =
    [
        ("yes", "better", "blue"), ("yes", "better", "blue"), ("yes", "better", "red"), ("yes", "same", "blue"), ("yes", "better", "blue"),
        ("no", "same", "blue"), ("no", "worse", "blue"), ("no", "worse", "red"), ("no", "same", "blue"), ("yes", "same", "blue"), ("no", "worse", "blue"),
    ];

    private static byte[] Form() => InstrumentFiles.Xlsx(
    [
        ("survey", [
            ["type", "name", "label::English (en)", "label::العربية (ar)", "required", "parameters"],
            ["begin group", "only", "Questions", "أسئلة", "", ""],
            ["select_one yesno", "talked", "Have you talked to someone?", "هل تحدثت إلى أحد؟", "yes", ""],
            ["select_one mood", "mood", "How do you feel since?", "كيف تشعر منذ ذلك الحين؟", "yes", ""],
            ["integer", "years", "How old are you?", "كم عمرك؟", "yes", ""],
            ["select_one colour", "check", "To show you are reading, choose blue.", "لتبين أنك تقرأ، اختر الأزرق.", "yes", "attention_check=blue"],
            ["end group", "", "", "", "", ""],
        ]),
        ("choices", [
            ["list_name", "name", "label::English (en)", "label::العربية (ar)"],
            ["yesno", "yes", "Yes", "نعم"],
            ["yesno", "no", "No", "لا"],
            ["mood", "better", "Better", "أفضل"],
            ["mood", "same", "The same", "كما هو"],
            ["mood", "worse", "Worse", "أسوأ"],
            ["colour", "red", "Red", "أحمر"],
            ["colour", "blue", "Blue", "أزرق"],
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
            postgres = (await TestDatabases.CreateAsync(engine, _temp)).PostgresConnectionString;
        }

        await using var server = await ServerProcess.StartAsync(
            new Dictionary<string, string> { ["WAYMARK_SURVEYS_DIR"] = _temp.NewFolder("no-surveys") }, postgres);
        var added = await server.RunCliAsync(Password, "users", "add", "anna", "--role", "editor,analyst", "--password-stdin");
        Assert.True(added.Code == 0, added.Error);
        var keys = _temp.NewFolder("journey-keys");
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
        // The secret key in the public-key field is refused, and nothing is stored.
        await page.GetByLabel("XLSForm (.xlsx)").SetInputFilesAsync(formPath);
        await page.Locator("#key-file").SetInputFilesAsync(Path.Combine(keys, "research.key"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        Assert.Contains("SECRET key", await page.Locator("#upload-error").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(problems, page);
        await page.GetByLabel("XLSForm (.xlsx)").SetInputFilesAsync(formPath);
        await page.Locator("#key-file").SetInputFilesAsync(Path.Combine(keys, "research.pub"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        Assert.StartsWith("Complete", await page.Locator("#translations").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(problems, page);
        var detail = page.Url;

        // The preview, then publishing: the page gives the public address.
        await page.GetByRole(AriaRole.Link, new() { Name = "Preview in en" }).ClickAsync();
        Assert.Contains("How do you feel since?", await page.Locator("#preview").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(problems, page);
        await page.GotoAsync(detail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await CheckAsync(problems, page);
        Assert.Contains("published", await page.Locator("main").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"/en/s/{FormId}", await page.Locator("#public-address").InnerTextAsync(), StringComparison.Ordinal);

        // Respondents on the public listener, while the analyst watches the count.
        using var http = new HttpClient();
        await AnswerAsync(http, server, Plan[..5], 0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Analysis", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Responses", Exact = true }).ClickAsync();
        Assert.Equal("5", await page.Locator($"#total-{FormId} strong").InnerTextAsync());
        await AnswerAsync(http, server, Plan[5..], 5);
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
        var downloads = _temp.NewFolder("journey-downloads");
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

        // The youngest respondent (the first) is set aside as a test, from the answers sorted by age.
        await page.GotoAsync(new Uri(server.ConsoleUrl, $"/console/responses/{FormId}").ToString());
        await page.Locator("#answers thead a[href*='sort=years&']").ClickAsync();
        var youngest = page.Locator("#answers tbody tr").First;
        Assert.Contains("\t20\t", "\t" + string.Join("\t", await youngest.Locator("td").AllInnerTextsAsync()) + "\t", StringComparison.Ordinal);
        await youngest.Locator("select").SelectOptionAsync("test");
        await youngest.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        Assert.Contains("sort=years", page.Url, StringComparison.Ordinal); // back on the same view
        await CheckAsync(problems, page);

        // The survey's dashboard from the landing page: the test response is left out, then the attention-check failures.
        await page.GetByRole(AriaRole.Link, new() { Name = "Home", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Journey check dashboard" }).ClickAsync();
        Assert.StartsWith($"{Plan.Length - 1} of {Plan.Length} ", await page.Locator("#filter-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(["talked", "mood", "years", "check"], await page.Locator("#questions > li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.question)"));
        Assert.Equal(["Better", "The same", "Worse"], await page.Locator("li[data-question=mood] table tbody th").AllInnerTextsAsync());
        await CheckAsync(problems, page);
        await page.GetByRole(AriaRole.Link, new() { Name = "leave them out (attention)" }).ClickAsync();
        var kept = Plan.Skip(1).Where(p => p.Check == "blue").ToList();
        Assert.StartsWith($"{kept.Count} of {Plan.Length} ", await page.Locator("#filter-summary").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(problems, page);

        // Download all, with the dashboard's filter: one zip; its R script and SPSS syntax read exactly the kept responses.
        await page.GetByRole(AriaRole.Link, new() { Name = "Exports", Exact = true }).First.ClickAsync();
        Assert.Contains("flag-attention=exclude", page.Url, StringComparison.Ordinal);
        await CheckAsync(problems, page);
        var all = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download all" }).ClickAsync());
        Assert.Equal(FormId + ".zip", all.SuggestedFilename);
        var zip = Path.Combine(downloads, all.SuggestedFilename);
        await all.SaveAsAsync(zip);
        var unzipped = Path.Combine(downloads, "all");
        ExternalProgram.Run("/usr/bin/python3", ["-m", "zipfile", "-e", zip, unzipped], downloads).AssertSuccess();
        var fromR = ExternalProgram.Run("/usr/bin/Rscript", ["--vanilla", "-e", $"source('{FormId}.R'); cat(nrow(d), sum(d$mood == 'Better'), levels(d$mood), sep = '|')"], unzipped).AssertSuccess().Output;
        Assert.Equal($"{kept.Count}|{kept.Count(p => p.Mood == "better")}|Better|The same|Worse", fromR.Trim());
        File.AppendAllText(Path.Combine(unzipped, FormId + ".sps"), "\nFREQUENCIES /VARIABLES=mood.\n");
        var fromPspp = ExternalProgram.Run("/usr/bin/pspp", ["-O", "format=txt", FormId + ".sps"], unzipped).AssertSuccess().Combined;
        Assert.DoesNotContain("error", fromPspp, StringComparison.OrdinalIgnoreCase);
        Assert.Matches($@"Better\s*\|\s*{kept.Count(p => p.Mood == "better")}\|", fromPspp);
        Assert.Matches($@"Total\s*\|\s*{kept.Count}\|", fromPspp);
        PageChecker.AssertClean(problems);
    }

    private static async Task SignInAsync(IPage page, ServerProcess server)
    {
        await page.GotoAsync(new Uri(server.ConsoleUrl, "/console/login").ToString());
        await ConsoleBrowser.SignInEnrollingAsync(page, "anna", Password);
        Assert.Equal("/console", new Uri(page.Url).AbsolutePath);
    }

    private static async Task AnswerAsync(HttpClient http, ServerProcess server, IEnumerable<(string Talked, string Mood, string Check)> answers, int first)
    {
        var years = 20 + first;
        foreach (var (talked, mood, check) in answers)
        {
            var respondent = new HttpRespondent(http, server.PublicUrl, FormId);
            await respondent.OpenAsync();
            await respondent.PostAsync("start");
            await respondent.PostAsync("next", ("talked", talked), ("mood", mood), ("years", (years++).ToString(CultureInfo.InvariantCulture)), ("check", check));
            Assert.True(respondent.IsComplete, respondent.Html);
        }
    }
}
