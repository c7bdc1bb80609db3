using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Waymark.Responses;
using Waymark.Statistics;
using Waymark.Testing;
using Waymark.Web.Tests.Surveys;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// The analyst's console over real HTTP against the real server: counts from clear metadata, the
/// unlock of sealed answers with the key held in memory for one session only, analyses whose
/// figures equal the statistics library's and R's, and in-memory exports that R and PSPP read.
/// </summary>
public sealed class AnalystConsoleTests(AnalystServer fixture) : IClassFixture<AnalystServer>, IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("AnalystConsoleTests");

    public void Dispose() => _temp.Dispose();

    private static PlannedResponse[] Plan => AnalystServer.Plan;

    [Fact]
    public async Task Counts_by_day_language_and_flag_come_without_any_key()
    {
        var (session, _) = await fixture.SignInNewAnalystAsync();
        using var _ = session;
        using var response = await session.Client.GetAsync("/console/responses");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var id = SurveyTestForms.FlowTest;

        Assert.Equal($"{Plan.Length}", HtmlPage.Parse(html).One($"#total-{id} [data-count]").GetAttribute("data-count"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(Plan.Length, AnalystRequests.CountIn(html, "day-" + id, today));
        Assert.Equal(Plan.Count(p => p.Language == "en"), AnalystRequests.CountIn(html, "language-" + id, "English (en)"));
        Assert.Equal(Plan.Count(p => p.Language == "ar"), AnalystRequests.CountIn(html, "language-" + id, "العربية (ar)"));

        // The instrument seals: its flags are sealed with the answers, none is counted before the unlock.
        Assert.Equal(Plan.Length, AnalystRequests.CountIn(html, "flag-" + id, "sealed (flags open with the answers)"));
        Assert.Equal(0, AnalystRequests.CountIn(html, "flag-" + id, QualityFlag.StraightLining));
        Assert.True(Plan.Any(p => p.StraightLined) && Plan.Any(p => p.FailsAttention), "the plan must exercise both flags");

        // Nothing about a single respondent: no response id and no answer text on the counts page.
        var stored = await fixture.Database.SurveyResponses.ReadAsync(id);
        Assert.All(stored, s => Assert.DoesNotContain(s.Id, html, StringComparison.Ordinal));
        Assert.DoesNotContain("benign words", html, StringComparison.Ordinal);
        Assert.Contains("locked", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flag_counts_of_a_sealed_instrument_appear_once_the_session_unlocked_it()
    {
        var (session, _) = await fixture.SignInNewAnalystAsync();
        using var _ = session;
        using (var unlocked = await session.UnlockWithFileAsync(await File.ReadAllBytesAsync(fixture.SecretKeyPath)))
        {
            Assert.True(unlocked.IsSuccessStatusCode || unlocked.StatusCode == HttpStatusCode.Redirect, unlocked.StatusCode.ToString());
        }

        var html = await session.Client.GetStringAsync("/console/responses");
        var id = SurveyTestForms.FlowTest;
        Assert.Equal(Plan.Count(p => p.StraightLined), AnalystRequests.CountIn(html, "flag-" + id, QualityFlag.StraightLining));
        Assert.Equal(Plan.Count(p => p.FailsAttention), AnalystRequests.CountIn(html, "flag-" + id, QualityFlag.AttentionCheck));
        Assert.Equal(0, AnalystRequests.CountIn(html, "flag-" + id, "sealed (flags open with the answers)"));
    }

    [Fact]
    public async Task Unlocking_and_locking_redirect_so_that_a_reload_never_sends_the_key_again()
    {
        var (session, _) = await fixture.SignInNewAnalystAsync();
        using var _ = session;
        var page = await session.Client.GetStringAsync(AnalystRequests.Answers);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(ConsoleSession.Token(page)), "__RequestVerificationToken" },
            { new StringContent(Convert.ToBase64String(fixture.SecretKey)), "keyText" },
        };
        using (var unlocked = await session.Client.PostAsync(AnalystRequests.Answers + "?handler=Unlock", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
            Assert.Equal(AnalystRequests.Answers + "?unlocked=yes", unlocked.Headers.Location?.OriginalString);
        }

        var answers = await session.Client.GetStringAsync(AnalystRequests.Answers + "?unlocked=yes");
        Assert.Contains("Unlocked for this session", answers, StringComparison.Ordinal);
        Assert.True(HtmlPage.Parse(answers).Has("table#answers"));
        var overview = await session.Client.GetStringAsync("/console/responses");
        using (var locked = await session.PostFormAsync("/console/responses?handler=Lock", overview, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
            Assert.Equal("/console/responses?locked=yes", locked.Headers.Location?.OriginalString);
        }

        Assert.Contains("Locked: the keys this session held are zeroed", await session.Client.GetStringAsync("/console/responses?locked=yes"), StringComparison.Ordinal);
        Assert.False(await session.IsUnlockedAsync());
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_the_right_key_file_or_text_unlocks()
    {
        var (session, name) = await fixture.SignInNewAnalystAsync();
        using var _ = session;
        Assert.False(await session.IsUnlockedAsync());

        var other = SealingKeys.Generate(_temp.NewFolder("other-keys")).Value;
        using (var wrong = await session.UnlockWithFileAsync(await File.ReadAllBytesAsync(other.SecretKeyPath)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("does not belong", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var garbage = await session.UnlockWithTextAsync("zorblat quenmix"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
            Assert.Contains("not a key", await garbage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var publicKey = SealingKeys.PublicKeyOf(fixture.SecretKey);
        foreach (var publicText in new[] { SealingKeys.FormatPublic(publicKey), Convert.ToBase64String(publicKey) })
        {
            // The public key, with its prefix or as an older version wrote it, is named as the public key.
            using var given = await session.UnlockWithTextAsync(publicText);
            Assert.Equal(HttpStatusCode.BadRequest, given.StatusCode);
            Assert.Contains("is the PUBLIC key", await given.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Contains(SealingKeys.Fingerprint(publicKey), HtmlPage.Parse(await session.Client.GetStringAsync($"/console/responses/{SurveyTestForms.FlowTest}")).Texts("code"));

        Assert.False(await session.IsUnlockedAsync());
        var (lockedStatus, lockedHtml) = await session.CrossTabAsync("helped", "f1");
        Assert.Equal(HttpStatusCode.BadRequest, lockedStatus);
        Assert.Contains("locked", lockedHtml, StringComparison.Ordinal);
        using (var lockedExport = await session.ExportAsync("csv"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, lockedExport.StatusCode);
        }

        using (var right = await session.UnlockWithFileAsync(await File.ReadAllBytesAsync(fixture.SecretKeyPath)))
        {
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            var html = await right.Content.ReadAsStringAsync();
            var table = HtmlPage.Parse(html).One("table#answers");
            Assert.Contains("benign words", table.TextContent, StringComparison.Ordinal);
        }

        Assert.True(await session.IsUnlockedAsync());
        using (await session.LockAsync())
        {
        }

        Assert.False(await session.IsUnlockedAsync());
        // A secret key as older versions wrote it (no prefix) still unlocks: it proves to be the instrument's secret half.
        using (var pasted = await session.UnlockWithTextAsync(" " + Convert.ToBase64String(fixture.SecretKey) + "\n"))
        {
            Assert.Equal(HttpStatusCode.OK, pasted.StatusCode);
        }

        Assert.True(await session.IsUnlockedAsync());
        var audit = await fixture.Database.AuditLog.ReadLatestAsync(500);
        var mine = audit.Where(e => e.Actor == name).ToList();
        Assert.Equal(2, mine.Count(e => e.Action == "sealed responses unlocked"));
        Assert.Contains(mine, e => e.Action == "sealed responses locked");
        Assert.All(audit, e => Assert.DoesNotContain(Convert.ToBase64String(fixture.SecretKey), e.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_crosstab_chi_square_equals_the_statistics_library_and_R()
    {
        var (session, _) = await fixture.SignInNewAnalystAsync();
        using var _ = session;
        using (await session.UnlockWithFileAsync(await File.ReadAllBytesAsync(fixture.SecretKeyPath)))
        {
        }

        var (status, html) = await session.CrossTabAsync("helped", "f1");
        Assert.True(status == HttpStatusCode.OK, html);
        var pageChiSquare = AnalystRequests.Figure(html, "chi-square");
        var pageP = AnalystRequests.Figure(html, "chi-square-p");
        var pageV = AnalystRequests.Figure(html, "cramers-v");

        // The statistics library on the planned answers (independent of how the page laid them out).
        var csv = new StringBuilder("helped,f1\n");
        foreach (var p in Plan)
        {
            csv.Append(p.Helped).Append(',').Append(p.F1).Append('\n');
        }

        var library = Analyse.CrossTabulate(Dataset.ParseCsv(csv.ToString(), "plan").Value!, "helped", "f1");
        Assert.True(library.IsSuccess, library.Error);
        Assert.Equal(library.Value!.ChiSquare, pageChiSquare);
        Assert.Equal(library.Value.P, pageP);
        Assert.Equal(library.Value.CramersV, pageV);

        // R's chisq.test on the same counts.
        var rows = new[] { "no", "yes" };
        var columns = new[] { "never", "often", "sometimes" };
        var counts = rows.SelectMany(r => columns.Select(c => Plan.Count(p => p.Helped == r && p.F1 == c))).ToList();
        var script = $"x <- matrix(c({string.Join(",", counts)}), nrow = 2, byrow = TRUE); t <- suppressWarnings(chisq.test(x, correct = FALSE)); cat(sprintf('%.17g %.17g', t$statistic, t$p.value))";
        var r = Run("/usr/bin/Rscript", Directory.GetCurrentDirectory(), "--vanilla", "-e", script).Split(' ');
        var rChiSquare = double.Parse(r[0], CultureInfo.InvariantCulture);
        var rP = double.Parse(r[1], CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(pageChiSquare - rChiSquare) <= 1e-9 * Math.Abs(rChiSquare), $"page {pageChiSquare}, R {rChiSquare}");
        Assert.True(Math.Abs(pageP - rP) <= 1e-9 * Math.Abs(rP), $"page p {pageP}, R {rP}");

        // Labels from the instrument; the chart of a table with hidden small cells is left out, a frequency chart is drawn.
        var crosstab = HtmlPage.Parse(html);
        Assert.False(crosstab.Has("svg"));
        Assert.True(crosstab.Has("#crosstab-chart-left-out"));
        Assert.Contains("Sometimes", crosstab.Body!.TextContent, StringComparison.Ordinal);
        var (arStatus, arabic) = await session.FrequenciesAsync("f1", "ar");
        Assert.Equal(HttpStatusCode.OK, arStatus);
        var frequencies = HtmlPage.Parse(arabic);
        Assert.True(frequencies.Has("figure svg[role=img]"));
        Assert.Contains("أحيانا", frequencies.Body!.TextContent, StringComparison.Ordinal);
        // N is said with its exact count: the visible figure and its machine-readable value.
        Assert.Contains(frequencies.QuerySelectorAll("data"), n => n.GetAttribute("value") == $"{Plan.Length}" && n.PreviousSibling?.TextContent.EndsWith("N = ", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task The_analyses_page_and_waymark_stats_give_identical_figures_from_the_same_answers()
    {
        var (session, _) = await fixture.SignInNewAnalystAsync();
        using var _ = session;
        using (await session.UnlockWithFileAsync(await File.ReadAllBytesAsync(fixture.SecretKeyPath)))
        {
        }

        // The same answers for the command line: the console's raw CSV export and the form (its choice order).
        var csv = Path.Combine(_temp.NewFolder("parity"), "flow-test.csv");
        using (var export = await session.ExportAsync("csv"))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            await File.WriteAllBytesAsync(csv, await export.Content.ReadAsByteArrayAsync());
        }

        var form = Path.Combine(fixture.FormFolder, "flow-test.xlsx");
        async Task<JsonElement> StatsAsync(params string[] arguments)
        {
            var (code, output, error) = await ServerProcess.RunWaymarkAsync(null, ["stats", .. arguments]);
            Assert.True(code == 0, error);
            using var json = JsonDocument.Parse(output);
            return json.RootElement.Clone();
        }

        // A 3x2 table and a 2x2 table: every test statistic the page shows is the command's, to the last bit.
        foreach (var (row, column) in new[] { ("f1", "helped"), ("helped", "check") })
        {
            var (status, html) = await session.CrossTabAsync(row, column);
            Assert.True(status == HttpStatusCode.OK, html);
            var json = await StatsAsync("crosstab", csv, "--row", row, "--col", column, "--form", form);
            Assert.Equal(json.GetProperty("chi_square").GetProperty("statistic").GetDouble(), AnalystRequests.Figure(html, "chi-square"));
            Assert.Equal(json.GetProperty("chi_square").GetProperty("p").GetDouble(), AnalystRequests.Figure(html, "chi-square-p"));
            Assert.Equal(json.GetProperty("g_test").GetProperty("statistic").GetDouble(), AnalystRequests.Figure(html, "g-test"));
            Assert.Equal(json.GetProperty("cramers_v").GetDouble(), AnalystRequests.Figure(html, "cramers-v"));
            Assert.Equal(json.GetProperty("n").GetDouble(), double.Parse(HtmlPage.Parse(html).One("#crosstab-counts caption data").GetAttribute("value")!, CultureInfo.InvariantCulture));
            if (json.TryGetProperty("fisher_exact", out var fisher))
            {
                Assert.Equal(fisher.GetProperty("p").GetDouble(), AnalystRequests.Figure(html, "fisher-p"));
                Assert.Equal(json.GetProperty("chi_square_yates").GetProperty("statistic").GetDouble(), AnalystRequests.Figure(html, "chi-square-yates"));
            }
        }

        // A frequency table: N and every count the page shows (small ones are hidden there), level by level.
        var (freqStatus, freqHtml) = await session.FrequenciesAsync("f1", "en");
        Assert.Equal(HttpStatusCode.OK, freqStatus);
        var freq = await StatsAsync("freq", csv, "--var", "f1", "--form", form);
        var counts = freq.GetProperty("levels").EnumerateArray().ToDictionary(l => l.GetProperty("value").GetString()!, l => l.GetProperty("count").GetDouble());
        var shown = HtmlPage.Parse(freqHtml).QuerySelectorAll("table[id$='frequency-table'] tbody tr")
            .Select(row => row.QuerySelectorAll("td"))
            .Where(cells => cells[1].QuerySelector("data") is not null) // a small count is hidden: "<5"
            .Select(cells => (Value: cells[0].Text("code"), Count: double.Parse(cells[1].One("data").GetAttribute("value")!, CultureInfo.InvariantCulture)))
            .ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, row => Assert.Equal(counts[row.Value], row.Count));
        Assert.Equal(["never", "sometimes", "often"], counts.Keys);

        // A number question: R's summary figures.
        var (numberStatus, numberHtml) = await session.FrequenciesAsync("age", "en");
        Assert.Equal(HttpStatusCode.OK, numberStatus);
        var describe = await StatsAsync("describe", csv, "--var", "age");
        foreach (var (key, id) in new[] { ("mean", "mean"), ("sd", "sd"), ("min", "min"), ("q1", "q1"), ("median", "median"), ("q3", "q3"), ("max", "max") })
        {
            Assert.Equal(describe.GetProperty(key).GetDouble(), AnalystRequests.Figure(numberHtml, id));
        }
    }

    [Fact]
    public async Task Every_export_downloads_as_an_attachment_and_R_and_PSPP_read_it()
    {
        var (session, name) = await fixture.SignInNewAnalystAsync();
        using var _ = session;
        using (await session.UnlockWithFileAsync(await File.ReadAllBytesAsync(fixture.SecretKeyPath)))
        {
        }

        var folder = _temp.NewFolder("downloads");
        foreach (var (format, file) in new[] { ("csv", "flow-test.csv"), ("spreadsheet", "flow-test_spreadsheet.csv"), ("codebook", "flow-test_codebook.csv"), ("r", "flow-test.R"), ("spss", "flow-test.sps"), ("stata", "flow-test.do"), ("dta", "flow-test.dta") })
        {
            using var response = await session.ExportAsync(format);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal(file, response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            await File.WriteAllBytesAsync(Path.Combine(folder, file), await response.Content.ReadAsByteArrayAsync());
        }

        var csvLines = (await File.ReadAllTextAsync(Path.Combine(folder, "flow-test.csv"))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Plan.Length + 1, csvLines.Length);
        Assert.StartsWith("response_id,response_date,", csvLines[0], StringComparison.Ordinal);
        Assert.Contains("f1", (await File.ReadAllTextAsync(Path.Combine(folder, "flow-test_codebook.csv"))), StringComparison.Ordinal);

        var fromR = Run("/usr/bin/Rscript", folder, "--vanilla", "-e", "source('flow-test.R'); cat(nrow(d), sum(d$helped == 'Yes'), attr(d$f1, 'label'))");
        Assert.Equal($"{Plan.Length} {Plan.Count(p => p.Helped == "yes")} Calm", fromR.Trim());
        var fromPspp = Run("/usr/bin/pspp", folder, "-O", "format=txt", "flow-test.sps");
        Assert.DoesNotContain("error", fromPspp, StringComparison.OrdinalIgnoreCase);
        var fromHaven = Run("/usr/bin/Rscript", folder, "--vanilla", "-e", "d <- haven::read_dta('flow-test.dta'); cat(nrow(d), sum(haven::as_factor(d$helped) == 'Yes'), attr(d$f1, 'label'))");
        Assert.Equal($"{Plan.Length} {Plan.Count(p => p.Helped == "yes")} Calm", fromHaven.Trim());

        var audit = await fixture.Database.AuditLog.ReadLatestAsync(500);
        Assert.Equal(7, audit.Count(e => e.Actor == name && e.Action == "export downloaded"));
        Assert.DoesNotContain(audit, e => e.Detail.Contains("benign words", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lock_and_sign_out_wipe_the_key_and_another_session_of_the_same_account_never_sees_it()
    {
        var (first, name) = await fixture.SignInNewAnalystAsync();
        using var _ = first;
        using (await first.UnlockWithFileAsync(await File.ReadAllBytesAsync(fixture.SecretKeyPath)))
        {
        }

        Assert.True(await first.IsUnlockedAsync());
        using var second = await fixture.SignInAgainAsync(name, first.Secret!);
        Assert.False(await second.IsUnlockedAsync());
        using (var export = await second.ExportAsync("csv"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        }

        Assert.True(await first.IsUnlockedAsync());
        using (var signedOut = await first.LogoutAsync())
        {
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }

        // The same browser signing in again gets a new session, which must unlock again.
        Assert.Contains((await fixture.Database.AuditLog.ReadLatestAsync(500)), e => e.Actor == name && e.Action == "sealed responses locked");
        using (var unlocked = await second.UnlockWithFileAsync(await File.ReadAllBytesAsync(fixture.SecretKeyPath)))
        {
            Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        }

        Assert.True(await second.IsUnlockedAsync());
        using (await second.LockAsync())
        {
        }

        Assert.False(await second.IsUnlockedAsync());
        using var export2 = await second.ExportAsync("csv");
        Assert.Equal(HttpStatusCode.BadRequest, export2.StatusCode);
    }

    [Fact]
    public async Task The_key_reaches_no_database_file_wal_or_log_after_unlock_and_export()
    {
        var (session, _) = await fixture.SignInNewAnalystAsync();
        using var _ = session;
        using (await session.UnlockWithFileAsync(await File.ReadAllBytesAsync(fixture.SecretKeyPath)))
        {
        }

        using (await session.UnlockWithTextAsync(Convert.ToBase64String(fixture.SecretKey)))
        {
        }

        foreach (var format in new[] { "csv", "r" })
        {
            using var export = await session.ExportAsync(format);
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        }

        var (status, _) = await session.CrossTabAsync("helped", "f2");
        Assert.Equal(HttpStatusCode.OK, status);

        var files = await fixture.Server.DataFilesTextAsync();
        var log = fixture.Server.Output;
        var base64 = Convert.ToBase64String(fixture.SecretKey);
        var raw = Encoding.Latin1.GetString(fixture.SecretKey);
        Assert.Contains("export downloaded", files, StringComparison.Ordinal); // the files read hold what was just written (database and WAL)
        Assert.DoesNotContain(base64, files, StringComparison.Ordinal);
        Assert.DoesNotContain(raw, files, StringComparison.Ordinal);
        Assert.DoesNotContain(base64, log, StringComparison.Ordinal);
        Assert.DoesNotContain(raw, log, StringComparison.Ordinal);
        Assert.Contains("Survey flow-test loaded", log, StringComparison.Ordinal); // the captured log is the server's, at Trace
    }

    private static string Run(string program, string directory, params string[] arguments) =>
        ExternalProgram.Run(program, arguments, directory).AssertSuccess().Output;
}
