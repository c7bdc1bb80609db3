using System.Net;
using System.Text.RegularExpressions;
using Waymark.Testing;

namespace Waymark.Web.Tests;

/// <summary>What a wary visitor needs on every public page: a way out, who runs the site, plain HEAD answers.</summary>
public sealed partial class PublicTrustTests(ServerFixture fixture, PageChecker checker) : IClassFixture<ServerFixture>, IClassFixture<PageChecker>
{
    /// <summary>One page of every public kind (the language code is put in front).</summary>
    public static readonly string[] PageKinds =
    [
        "", "languages", "privacy", "help", "help/why-change", "help/delete", "parents", "parents/data-literacy",
        "directory", "directory/report", "warning", "s/help-us-help-you", "s/help-us-help-you/resume", "about",
        "professionals",
    ];

    private readonly ServerProcess _server = fixture.Server;

    [Theory]
    [InlineData("en", "Leave this site")]
    [InlineData("ar", null)]
    public async Task Every_public_page_offers_leave_this_site(string language, string? expected)
    {
        using var http = new HttpClient();
        foreach (var kind in PageKinds)
        {
            var page = HtmlPage.Parse(await http.GetStringAsync(new Uri(_server.PublicUrl, $"/{language}/{kind}")));
            var leave = page.QuerySelector("a[href='/leave']");
            Assert.True(leave is not null, $"/{language}/{kind} has no way out");
            Assert.True(leave.Precedes(page.One("main")), $"/{language}/{kind}: the way out comes before the content");
            var text = leave.TextContent;
            var footer = page.One("footer");
            Assert.True(footer.Has($"a[href='/{language}/about']"), $"/{language}/{kind}: no link to who runs the site in the footer");
            Assert.True(footer.Has($"a[href='/{language}/professionals']"), $"/{language}/{kind}: no link to the page for professionals in the footer");
            if (expected is null)
            {
                Assert.DoesNotContain("Leave", text, StringComparison.OrdinalIgnoreCase); // translated
            }
            else
            {
                Assert.Equal(expected, text);
            }
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    [InlineData("fr")]
    [InlineData("zh-hant")]
    public async Task The_about_page_shows_the_organisations_own_text_and_passes_the_page_checker(string language)
    {
        // The text is the deploying organisation's: whatever content/about/{language}/about.md says is on the page.
        var source = await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot, "content", "about", language, "about.md"));
        var title = Regex.Match(source, "^title: (.+)$", RegexOptions.Multiline).Groups[1].Value;
        var sampleNotice = Regex.Match(source, @"^> \*\*(.+?)\*\*", RegexOptions.Multiline).Groups[1].Value;
        var headings = Regex.Matches(source, "^## (.+)$", RegexOptions.Multiline).Select(match => match.Groups[1].Value).ToList();
        Assert.NotEmpty(sampleNotice);
        Assert.NotEmpty(headings);
        using var http = new HttpClient();
        var page = HtmlPage.Parse(await http.GetStringAsync(new Uri(_server.PublicUrl, $"/{language}/about")));
        var html = page.Body!.TextContent;
        Assert.Equal(title, page.Text("main h1"));
        Assert.Contains(sampleNotice, html, StringComparison.Ordinal);
        Assert.All(headings, heading => Assert.Contains(heading, page.Texts("main h2")));
        if (language != "en")
        {
            // The translation is shown, not the English text under a notice.
            Assert.DoesNotContain("How to contact us safely", html, StringComparison.Ordinal);
        }

        // "What we store" is a link to the privacy page in the reader's language, its words said once.
        var privacy = Regex.Match(source, @"\[([^\]]+)\]\(~/privacy\)").Groups[1].Value;
        Assert.NotEmpty(privacy);
        Assert.Equal(privacy, page.One($"main a[href='/{language}/privacy']").TextContent);
        Assert.Equal(1, Regex.Count(page.One("main").TextContent, Regex.Escape(privacy)));

        PageChecker.AssertClean(await checker.CheckUrlAsync(new Uri(_server.PublicUrl, $"/{language}/about")));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task The_page_for_professionals_shows_its_findings_and_their_sources_and_passes_the_page_checker(string language)
    {
        // Whatever content/professionals/{language}/professionals.md and sources.md say is on the page: the title,
        // every heading and every source, the sources marked as English (they are cited as published).
        var root = Path.Combine(TestEnvironment.RepositoryRoot, "content", "professionals");
        var source = await File.ReadAllTextAsync(Path.Combine(root, language, "professionals.md"));
        var title = Regex.Match(source, "^title: \"?(.+?)\"?$", RegexOptions.Multiline).Groups[1].Value;
        var headings = Regex.Matches(source, "^## (.+)$", RegexOptions.Multiline).Select(match => match.Groups[1].Value).ToList();
        var dois = Regex.Matches(await File.ReadAllTextAsync(Path.Combine(root, "sources.md")), @"doi:\S+").Select(match => match.Value).ToList();
        Assert.True(headings.Count >= 4 && dois.Count >= 4, $"{headings.Count} headings, {dois.Count} DOIs");
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(_server.PublicUrl, $"/{language}/professionals"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        PageChecker.AssertClean(PageChecker.CheckHeaders(response));
        var page = HtmlPage.Parse(await response.Content.ReadAsStringAsync());
        var html = page.Body!.TextContent;
        Assert.Equal(title, page.Text("main h1"));
        Assert.All(headings, heading => Assert.Contains(heading, page.Texts("main h2")));
        var sources = page.One("div.sources[lang=en][dir=ltr]").TextContent; // cited as published, in English
        Assert.All(dois, doi => Assert.Contains(doi, sources, StringComparison.Ordinal));
        Assert.True(page.Has($"main a[href='/{language}/help']"));
        if (language != "en")
        {
            Assert.True(page.Has($"article[lang={language}]"));
            Assert.DoesNotContain("What people searching for abuse material told researchers", html, StringComparison.Ordinal);
        }

        var url = new Uri(_server.PublicUrl, $"/{language}/professionals");
        PageChecker.AssertClean(await checker.CheckUrlAsync(url));
        // The long citations (DOIs, author lists) still fit a phone screen.
        PageChecker.AssertClean(await checker.CheckNarrowScreenAsync(url, await http.GetStringAsync(url)));
    }

    [Fact]
    public async Task Head_is_answered_like_get_without_a_body_and_counts_nothing()
    {
        await using var server = await ServerProcess.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        foreach (var path in new[] { "/", "/languages", "/css/site.css", "/en/", "/ar/warning", "/fa/privacy", "/en/help", "/en/s/help-us-help-you", "/en/no-such-page" })
        {
            using var get = await http.GetAsync(new Uri(server.PublicUrl, path));
            using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(server.PublicUrl, path)));
            Assert.True(get.StatusCode == head.StatusCode, $"HEAD {path}: {head.StatusCode}, GET: {get.StatusCode}");
            Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
            Assert.Equal(get.Headers.Location, head.Headers.Location);
            Assert.Equal(get.Headers.GetValues("Content-Security-Policy"), head.Headers.GetValues("Content-Security-Policy"));
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }

        await server.StopAsync();
        await using var database = await Storage.WaymarkDatabase.OpenAsync(new Storage.StorageSettings { DataDirectory = server.DataDirectory });
        var pageViews = await database.Counters.ReadByPrefixAsync("page:");
        var shown = await database.Counters.ReadByPrefixAsync("screen:");
        // Each page was fetched once with GET and once with HEAD: only the GETs are counted.
        Assert.All(pageViews, v => Assert.Equal(1, v.Count));
        Assert.Equal(1, Assert.Single(shown, c => c.Name == "screen:shown").Count);
    }

    [Theory]
    [InlineData("help-us-help-you", "en", "Thank you")]
    [InlineData("help-us-help-you", "de", "Vielen Dank")]
    [InlineData("no-need-for-help", "en", "Thank you")]
    [InlineData("no-need-for-help", "fr", "Merci")]
    public async Task A_shipped_survey_thanks_only_after_sending_and_its_intro_does_not_repeat_the_consent(string form, string language, string thanks)
    {
        using var http = new HttpClient();
        var respondent = new Surveys.HttpRespondent(http, _server.PublicUrl, form, language);
        await respondent.OpenAsync();
        var consent = MainText(respondent.Html);
        await respondent.PostAsync("start");
        var first = MainText(respondent.Html);
        // No sentence of the consent page is said again on the first page.
        foreach (var sentence in Sentences().Matches(consent).Select(m => m.Value.Trim()).Where(s => s.Length > 20))
        {
            Assert.DoesNotContain(sentence, first, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("anonym", first, StringComparison.OrdinalIgnoreCase);
        for (var page = 0; page < 20 && !respondent.IsComplete; page++)
        {
            Assert.DoesNotContain(thanks, MainText(respondent.Html), StringComparison.Ordinal);
            await respondent.PostAsync("next");
        }

        Assert.True(respondent.IsComplete, respondent.Html);
        Assert.Contains(thanks, MainText(respondent.Html), StringComparison.Ordinal);
    }

    private static string MainText(string html)
    {
        var start = html.IndexOf("<main", StringComparison.Ordinal);
        return WebUtility.HtmlDecode(html[start..html.IndexOf("</main>", start, StringComparison.Ordinal)]);
    }

    [GeneratedRegex(@"[^.:;!?<>]+[.!?]")]
    private static partial Regex Sentences();
}
