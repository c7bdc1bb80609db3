using System.Net;
using Waymark.Testing;
using Waymark.Web.Localization;

namespace Waymark.Web.Tests;

/// <summary>The public site through the real server: pages, headers, listeners, languages.</summary>
/// <remarks>The tests share one server: none of them changes what another reads.</remarks>
public sealed class PublicSiteTests(PageChecker checker, ServerFixture fixture) : IClassFixture<PageChecker>, IClassFixture<ServerFixture>, IDisposable
{
    private static readonly string[] PublicPages = ["", "languages", "privacy"];
    private readonly ServerProcess _server = fixture.Server;
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Every_page_passes_the_page_checker(string language)
    {
        var problems = new List<string>();
        foreach (var page in PublicPages)
        {
            problems.AddRange(await checker.CheckUrlAsync(new Uri(_server.PublicUrl, $"/{language}/{page}")));
        }

        PageChecker.AssertClean(problems);
    }

    [Fact]
    public async Task Every_page_is_served_in_every_language_with_its_direction()
    {
        var englishTitle = ExtractTitle(await _http.GetStringAsync(new Uri(_server.PublicUrl, "/en/privacy")));
        foreach (var language in Languages.All)
        {
            foreach (var page in PublicPages)
            {
                using var response = await _http.GetAsync(new Uri(_server.PublicUrl, $"/{language.Code}/{page}"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var html = await response.Content.ReadAsStringAsync();
                var parsed = HtmlPage.Parse(html);
                Assert.Equal((language.Code, language.Direction), (parsed.DocumentElement.GetAttribute("lang"), parsed.DocumentElement.GetAttribute("dir")));
                Assert.False(parsed.Has("script"), $"/{language.Code}/{page}");
                if (page == "privacy" && language.Code != Languages.DefaultCode)
                {
                    Assert.NotEqual(englishTitle, ExtractTitle(html)); // the translation is really used
                }
            }
        }
    }

    private static string ExtractTitle(string html)
    {
        var start = html.IndexOf("<h1>", StringComparison.Ordinal);
        return html[start..html.IndexOf("</h1>", start, StringComparison.Ordinal)];
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/languages")]
    [InlineData("/en/")]
    [InlineData("/ar/privacy")]
    [InlineData("/css/site.css")]
    [InlineData("/no-such-page")]
    [InlineData("/xx/privacy")]
    [InlineData("/console")]
    [InlineData("/en/privacy?q=anything")]
    public async Task Every_public_response_carries_the_strict_headers(string path)
    {
        using var response = await _http.GetAsync(new Uri(_server.PublicUrl, path));
        PageChecker.AssertClean(PageChecker.CheckHeaders(response));
    }

    [Fact]
    public async Task A_post_with_a_body_too_large_is_refused_with_headers()
    {
        using var content = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        using var response = await _http.PostAsync(new Uri(_server.PublicUrl, "/en/privacy"), content);
        Assert.True((int)response.StatusCode >= 400, $"status {(int)response.StatusCode}");
        PageChecker.AssertClean(PageChecker.CheckHeaders(response));
    }

    [Fact]
    public async Task Console_routes_answer_404_on_the_public_listener_and_public_routes_404_on_the_console()
    {
        using var consoleOnPublic = await _http.GetAsync(new Uri(_server.PublicUrl, "/console"));
        Assert.Equal(HttpStatusCode.NotFound, consoleOnPublic.StatusCode);

        using var console = await _http.GetAsync(new Uri(_server.ConsoleUrl, "/console"));
        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        Assert.StartsWith("/console/login", console.Headers.Location?.AbsolutePath, StringComparison.Ordinal);
        PageChecker.AssertClean(PageChecker.CheckHeaders(console));

        foreach (var page in PublicPages)
        {
            using var publicOnConsole = await _http.GetAsync(new Uri(_server.ConsoleUrl, $"/en/{page}"));
            Assert.Equal(HttpStatusCode.NotFound, publicOnConsole.StatusCode);
        }

        using var consoleRoot = await _http.GetAsync(_server.ConsoleUrl);
        Assert.Equal("/console", consoleRoot.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_console_login_page_passes_the_page_checker()
    {
        PageChecker.AssertClean(await checker.CheckUrlAsync(new Uri(_server.ConsoleUrl, "/console/login")));
    }

    [Theory]
    [InlineData(null, "/en/")]
    [InlineData("ar-EG,ar;q=0.9", "/ar/")]
    [InlineData("de-CH;q=0.4, fi;q=0.8", "/fi/")]
    [InlineData("zh-TW", "/zh-hant/")]
    [InlineData("zh-CN", "/zh-hans/")]
    [InlineData("tlh, *;q=0.1", "/en/")]
    public async Task Root_redirects_by_accept_language_only_as_a_default(string? acceptLanguage, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _server.PublicUrl);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_visitor_without_javascript_moves_through_the_site_by_links_alone()
    {
        await using var context = await checker.NewNoScriptContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_server.PublicUrl.ToString());
        Assert.EndsWith("/en/", page.Url, StringComparison.Ordinal);

        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Languages", Exact = true }).ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "العربية" }).ClickAsync();
        Assert.EndsWith("/ar/", page.Url, StringComparison.Ordinal);
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));

        await page.Locator("nav a[href='/ar/privacy']").ClickAsync();
        Assert.EndsWith("/ar/privacy", page.Url, StringComparison.Ordinal);
        Assert.Empty(await context.CookiesAsync());
    }
}
