using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Accounts;
using Waymark.Testing;
using Waymark.Web.Privacy;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// The console's screening section over HTTP with a signed-in editor on the real host (SQLite):
/// uploads good and bad term lists, sees the public API follow them, tests a query, reads the
/// counters, previews every variant in every language. Made-up placeholder terms only.
/// </summary>
public sealed class ScreeningConsoleTests(StaffFixture staff) : IClassFixture<StaffFixture>
{
    private ConsoleSession Editor => staff.SessionOf(ConsoleRole.Editor);

    private readonly HttpClient _public = new(new HttpClientHandler { AllowAutoRedirect = false });

    [Fact]
    public async Task An_uploaded_list_changes_the_api_at_once_and_deactivating_or_removing_it_undoes_that()
    {
        Assert.False(await ScreeningConsole.MatchesAsync(_public, staff.Server.PublicUrl, "new z0rbl4t 2025"));

        var (status, html) = await ScreeningConsole.UploadAsync(Editor, "placeholders-a", "# term\tlanguage\tmode\tcategory\tsource\nzorblat\t*\ttoken\tcsam\tline-two\nvrel dapto\t*\tphrase\nskarn\t*\tprefix\tother\nskarnival\ten\tallow\n");
        Assert.Equal(HttpStatusCode.Redirect, status); // redirect after POST: a reload never uploads it twice
        Assert.Contains("stored with 3 terms", html, StringComparison.Ordinal);
        Assert.DoesNotContain("stored with 3 terms", await Editor.Client.GetStringAsync("/console/screening"), StringComparison.Ordinal); // said once
        var row = ScreeningConsole.Row(html, "active-lists", "placeholders-a");
        Assert.Equal(["1", "1", "1", "1", "csam: 2, other: 1"], row.Skip(1));

        Assert.True(await ScreeningConsole.MatchesAsync(_public, staff.Server.PublicUrl, "new z0rbl4t 2025"));
        Assert.True(await ScreeningConsole.MatchesAsync(_public, staff.Server.PublicUrl, "skarnivals", "fi"));
        Assert.False(await ScreeningConsole.MatchesAsync(_public, staff.Server.PublicUrl, "skarnival", "en"));

        var id = ScreeningConsole.IdOf(html, "placeholders-a");
        (status, html) = await ScreeningConsole.PostAsync(Editor, "Deactivate", ("id", id));
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.False(await ScreeningConsole.MatchesAsync(_public, staff.Server.PublicUrl, "zorblat"));
        (status, _) = await ScreeningConsole.PostAsync(Editor, "Activate", ("id", id));
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.True(await ScreeningConsole.MatchesAsync(_public, staff.Server.PublicUrl, "zorblat"));
        (status, html) = await ScreeningConsole.PostAsync(Editor, "Remove", ("id", id));
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Contains("Term list removed: placeholders-a.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("placeholders-a", HtmlPage.Parse(html).Texts("td"));
        Assert.False(await ScreeningConsole.MatchesAsync(_public, staff.Server.PublicUrl, "zorblat"));
        (status, _) = await ScreeningConsole.PostAsync(Editor, "Remove", ("id", id));
        Assert.Equal(HttpStatusCode.BadRequest, status);

        var audit = (await staff.Server.Database.AuditLog.ReadLatestAsync(50)).Where(e => e.Actor == "staff-editor").Select(e => (e.Action, e.Detail)).ToList();
        Assert.Contains(("term list uploaded", $"#{id} placeholders-a (3 terms)"), audit);
        Assert.Contains(("term list deactivated", $"#{id} placeholders-a"), audit);
        Assert.Contains(("term list activated", $"#{id} placeholders-a"), audit);
        Assert.Contains(("term list removed", $"#{id} placeholders-a"), audit);
    }

    [Fact]
    public async Task A_bad_list_is_refused_with_every_problem_by_line_and_nothing_is_stored()
    {
        var before = await staff.Server.Database.ScreeningTermLists.ReadAllAsync();
        var (status, html) = await ScreeningConsole.UploadAsync(Editor, "broken", "quenmix\nplovrik\tenglish\n\nzorblat\t*\tsideways\n---\t*\ttoken\n");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("was not stored", html, StringComparison.Ordinal);
        var problems = HtmlPage.Parse(html).Rows();
        Assert.Contains(["2", "'english' is not a language code (such as en, pt, zh-hans) or *."], problems);
        Assert.Contains(problems, row => row[0] == "4" && row[1].StartsWith("'sideways' is not a match mode", StringComparison.Ordinal));
        Assert.Contains(problems, row => row[0] == "5" && row[1].StartsWith("the term '---' has no letters or digits", StringComparison.Ordinal));

        (status, html) = await ScreeningConsole.UploadAsync(Editor, "binary", [0x71, 0xff, 0xfe, 0x0a]);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("not UTF-8 text (invalid bytes at offset 1)", html, StringComparison.Ordinal);
        (status, html) = await ScreeningConsole.UploadAsync(Editor, "comments only", "# nothing here\n");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(["whole list", "the list has no terms."], HtmlPage.Parse(html).Rows());
        (status, html) = await ScreeningConsole.UploadAsync(Editor, "", "quenmix\n");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Give the list a name", html, StringComparison.Ordinal);

        var after = await staff.Server.Database.ScreeningTermLists.ReadAllAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Lists.Count, after.Lists.Count);
        Assert.False(await ScreeningConsole.MatchesAsync(_public, staff.Server.PublicUrl, "quenmix"));
    }

    [Fact]
    public async Task An_upload_over_the_size_cap_is_refused_and_nothing_is_stored()
    {
        var before = await staff.Server.Database.ScreeningTermLists.VersionAsync();
        var line = "quenmix\t*\ttoken\tcsam\tsize-test\n"u8.ToArray();
        var big = Enumerable.Repeat(line, (Waymark.Web.Screening.TermListEditor.MaxUploadBytes / line.Length) + 2).SelectMany(b => b).ToArray();
        var (status, html) = await ScreeningConsole.UploadAsync(Editor, "too big", big);
        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{(int)status}");
        if (status == HttpStatusCode.BadRequest)
        {
            Assert.Contains("larger than 4 MiB", html, StringComparison.Ordinal);
        }

        var far = new byte[Waymark.Web.Screening.TermListEditor.MaxUploadBytes + (512 * 1024)];
        // Far over the request cap the form cannot be read at all: refused (400 or 413) or the connection closed, before any of it is kept.
        try
        {
            (status, _) = await ScreeningConsole.UploadAsync(Editor, "far too big", far);
            Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{(int)status}");
        }
        catch (HttpRequestException)
        {
        }

        Assert.Equal(before, await staff.Server.Database.ScreeningTermLists.VersionAsync());
    }

    [Fact]
    public async Task Testing_a_query_names_the_matched_term_and_list_and_counts_nothing()
    {
        await ScreeningConsole.UploadAsync(Editor, "placeholders-t", "plovrik\t*\ttoken\tcsam\nvrel dapto\t*\tphrase\tgrooming\n");
        var counter = staff.Server.Services.GetRequiredService<PageViewCounter>();
        await counter.FlushAsync(CancellationToken.None);
        var screenedBefore = (await staff.Server.Database.Counters.ReadByPrefixAsync("screen:")).Sum(c => c.Count);

        var (status, html) = await ScreeningConsole.PostAsync(Editor, "Test", ("query", "cheap V.R.E.L-d4pto today"), ("lang", "de"));
        Assert.Equal(HttpStatusCode.OK, status);
        var result = HtmlPage.Parse(html);
        Assert.Equal(
            ("Warned", "vrel dapto", "phrase", "grooming", "placeholders-t"),
            (result.Text("h3#test-result-title"), result.Text("dd#matched-term"), result.Text("dd#matched-mode"), result.Text("dd#matched-category"), result.Text("dd#matched-list")));

        (status, html) = await ScreeningConsole.PostAsync(Editor, "Test", ("query", "plovriks and vrel"), ("lang", "en"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Not warned: no term matches", html, StringComparison.Ordinal);
        (status, _) = await ScreeningConsole.PostAsync(Editor, "Test", ("query", new string('q', 1001)), ("lang", "en"));
        Assert.Equal(HttpStatusCode.BadRequest, status);

        await counter.FlushAsync(CancellationToken.None);
        Assert.Equal(screenedBefore, (await staff.Server.Database.Counters.ReadByPrefixAsync("screen:")).Sum(c => c.Count));
    }

    [Fact]
    public async Task The_counters_page_shows_exactly_the_warnings_and_clicks_that_were_made()
    {
        async Task GetAsync(string path, int times)
        {
            for (var i = 0; i < times; i++)
            {
                using var response = await _public.GetAsync(new Uri(staff.Server.PublicUrl, path));
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{path}: {(int)response.StatusCode}");
            }
        }

        await GetAsync("/en/warning?v=neutral", 4);
        await GetAsync("/fi/warning/fragment?v=neutral", 2);
        await GetAsync("/de/warning?v=harm-negative", 5);
        await GetAsync("/go/selfhelp?v=neutral&lang=en", 3);
        await GetAsync("/go/helpline?v=neutral&lang=fi", 1);
        await GetAsync("/go/selfhelp?v=harm-negative&lang=de", 1);
        await GetAsync("/go/helpline?v=unknown-variant&lang=de", 2);
        await staff.Server.Services.GetRequiredService<PageViewCounter>().FlushAsync(CancellationToken.None);

        var html = await Editor.Client.GetStringAsync("/console/screening/counters");
        // Columns: screened, matched, shown, clicks, click-through.
        Assert.Equal(["6", "4", "66.7%"], ScreeningConsole.Row(html, "by-variant", "neutral").Skip(2));
        Assert.Equal(["5", "1", "20.0%"], ScreeningConsole.Row(html, "by-variant", "harm-negative").Skip(2));
        Assert.Equal(["0", "2", "–"], ScreeningConsole.Row(html, "by-variant", "none").Skip(2));
        Assert.Equal(["4", "3", "75.0%"], ScreeningConsole.Row(html, "by-language", "en").Skip(2));
        Assert.Equal(["2", "1", "50.0%"], ScreeningConsole.Row(html, "by-language", "fi").Skip(2));
        Assert.Equal(["5", "3", "60.0%"], ScreeningConsole.Row(html, "by-language", "de").Skip(2));
        Assert.Equal(["5", "1", "20.0%"], ScreeningConsole.Row(html, "by-language-variant", "de / harm-negative").Skip(2));
        Assert.Equal(["2", "1", "50.0%"], ScreeningConsole.Row(html, "by-language-variant", "fi / neutral").Skip(2));
        Assert.Equal(["4", "3", "75.0%"], ScreeningConsole.Row(html, "by-language-variant", "en / neutral").Skip(2));
        Assert.Equal(["4"], ScreeningConsole.Row(html, "by-link", "selfhelp"));
        Assert.Equal(["3"], ScreeningConsole.Row(html, "by-link", "helpline"));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["11", "7", "63.6%"], ScreeningConsole.Row(html, "by-day", today).Skip(2));
    }

    [Fact]
    public async Task Every_variant_previews_in_every_language_in_its_own_text_or_in_english()
    {
        var screener = staff.Server.Services.GetRequiredService<Waymark.Screening.Screener>();
        var messages = await Editor.Client.GetStringAsync("/console/screening/messages");
        var messagesPage = HtmlPage.Parse(messages);
        Assert.Equal("translated", PageLinks.TextOf(messagesPage, "translated: neutral in fi"));
        Assert.Equal("translated", PageLinks.TextOf(messagesPage, "translated: neutral in ja"));
        foreach (var language in Waymark.Web.Localization.Languages.All)
        {
            var state = screener.WarningText(language.Code, "neutral").Language == language.Code ? "translated" : "English";
            Assert.Equal(state, PageLinks.TextOf(messagesPage, $"{state}: neutral in {language.Code}"));
        }

        var counter = staff.Server.Services.GetRequiredService<PageViewCounter>();
        await counter.FlushAsync(CancellationToken.None);
        var shownBefore = (await staff.Server.Database.Counters.ReadAsync("screen:shown")).Sum(c => c.Count);
        foreach (var variant in screener.Variants)
        {
            foreach (var language in Waymark.Web.Localization.Languages.All)
            {
                var text = screener.WarningText(language.Code, variant.Id);
                var (status, html) = await ScreeningConsole.GetPacedAsync(Editor, $"/console/screening/preview?v={variant.Id}&lang={language.Code}");
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.True(HtmlPage.Parse(html).Has($"section.warning[lang='{text.Language}']"), $"{variant.Id} in {language.Code}: no warning in {text.Language}");
                Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(text.Title), html, StringComparison.Ordinal);
                Assert.Contains(text.Language == language.Code ? "has its own text" : "the public sees it in English", html, StringComparison.Ordinal);
                Assert.DoesNotContain("/go/", html.Replace("through <code>/go/</code>", "", StringComparison.Ordinal), StringComparison.Ordinal);
            }
        }

        using var unknown = await Editor.Client.GetAsync("/console/screening/preview?v=nope&lang=en");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await counter.FlushAsync(CancellationToken.None);
        Assert.Equal(shownBefore, (await staff.Server.Database.Counters.ReadAsync("screen:shown")).Sum(c => c.Count));
    }
}
