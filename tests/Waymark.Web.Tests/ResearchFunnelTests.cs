using Waymark.Testing;

namespace Waymark.Web.Tests;

/// <summary>
/// The recruitment funnel of the research surveys: the warning page (and its fragment) offers "I want help"
/// (Help us to help you, counted per variant through /go/) and "I don't need help" (No need for help) in the
/// page's language, next to self-help; the home page has a "take part in research" entry.
/// </summary>
public sealed class ResearchFunnelTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly ServerProcess _server = fixture.Server;
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData("en", "ltr", "Take part in anonymous research", "I want help: the survey “Help us to help you”", "I don't need help: the survey “No need for help”")]
    [InlineData("ar", "rtl", "شارك في بحث مجهول الهوية", "أريد المساعدة: استبيان «ساعدنا لنساعدك»", "لا أحتاج إلى مساعدة: استبيان «لا حاجة إلى المساعدة»")]
    [InlineData("ja", "ltr", "匿名の研究に参加する", "助けがほしい：アンケート「あなたを助けるために、私たちを助けてください」", "助けは必要ない：アンケート「助けは必要ありません」")]
    public async Task The_warning_page_and_fragment_offer_both_surveys_and_self_help_in_the_page_language(string language, string direction, string heading, string wantHelp, string noNeed)
    {
        foreach (var path in new[] { $"/{language}/warning?v=legal-negative", $"/{language}/warning/fragment?v=legal-negative" })
        {
            var page = HtmlPage.Parse(await _http.GetStringAsync(new Uri(_server.PublicUrl, path)));
            // A section in the page's language, named by its heading.
            var research = page.One("section.research");
            Assert.Equal((language, direction), (research.GetAttribute("lang"), research.GetAttribute("dir")));
            Assert.Equal(heading, research.Text($"#{research.GetAttribute("aria-labelledby")}"));
            Assert.Equal($"/go/survey?v=legal-negative&lang={language}", research.One("a", wantHelp).GetAttribute("href"));
            Assert.Equal($"/{language}/s/no-need-for-help", research.One("a", noNeed).GetAttribute("href"));
            Assert.True(page.Has($"a[href='/go/selfhelp?v=legal-negative&lang={language}']"));
            Assert.Single(page.QuerySelectorAll("a[href^='/go/survey?']")); // offered once, as "I want help", not again among the help links
        }
    }

    [Theory]
    [InlineData("en", "Take part in anonymous research")]
    [InlineData("fi", "Osallistu nimettömään tutkimukseen")]
    public async Task The_home_page_has_a_take_part_in_research_entry_with_both_surveys(string language, string heading)
    {
        var page = HtmlPage.Parse(await _http.GetStringAsync(new Uri(_server.PublicUrl, $"/{language}/")));
        Assert.Equal(heading, page.Text("h2#research"));
        Assert.True(page.Has($"a[href='/{language}/s/help-us-help-you']"));
        Assert.True(page.Has($"a[href='/{language}/s/no-need-for-help']"));
    }
}

/// <summary>The funnel followed in Chromium with JavaScript off (its own server, started once the browser is up).</summary>
public sealed class ResearchFunnelBrowserTests(PageChecker checker) : IClassFixture<PageChecker>, IAsyncLifetime
{
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task With_JavaScript_off_each_answer_leads_to_its_survey_in_the_same_language()
    {
        await using var context = await checker.NewNoScriptContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(_server.PublicUrl, "/de/warning?v=neutral").ToString());
        await page.ClickAsync("section.research a[href='/de/s/no-need-for-help']");
        Assert.EndsWith("/de/s/no-need-for-help", page.Url, StringComparison.Ordinal);
        Assert.Equal("de", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(1, await page.Locator("button[name$='-nav'][value=start]").CountAsync());

        await page.GotoAsync(new Uri(_server.PublicUrl, "/de/warning?v=neutral").ToString());
        await page.ClickAsync("section.research a[href^='/go/survey']");
        Assert.EndsWith("/de/s/help-us-help-you", page.Url, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("button[name$='-nav'][value=start]").CountAsync());

        await page.GotoAsync(new Uri(_server.PublicUrl, "/ar/").ToString());
        await page.ClickAsync("a[href='/ar/s/no-need-for-help']");
        Assert.EndsWith("/ar/s/no-need-for-help", page.Url, StringComparison.Ordinal);
        Assert.Equal("ar", await page.GetAttributeAsync("html", "lang"));
        Assert.Empty(await context.CookiesAsync());
    }
}
