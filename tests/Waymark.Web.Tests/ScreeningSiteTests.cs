using System.Net;
using System.Text;
using System.Text.Json;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Web.Tests;

/// <summary>
/// Search screening through the real server with a placeholder term list: the API, the warning
/// page and fragment, click-through counting, and that no query reaches the logs or the database.
/// </summary>
/// <remarks>
/// The tests share one server (<see cref="Server"/>); the counting test starts its own, as it counts from zero.
/// </remarks>
public sealed class ScreeningSiteTests(PageChecker checker, ScreeningSiteTests.Server fixture) : IClassFixture<PageChecker>, IClassFixture<ScreeningSiteTests.Server>, IDisposable
{
    // A placeholder term, and a distinctive placeholder word that must never be written anywhere.
    private const string Marker = "quenvashmarker8812";
    private readonly ServerProcess _server = fixture.Server;
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });
    private readonly TempFolder _temp = TempFolder.Create("ScreeningSiteTests");

    /// <summary>A server with a placeholder term list that logs everything (Trace), so a query in the logs would show.</summary>
    public sealed class Server : ServerFixture
    {
        protected override async Task<IDictionary<string, string>?> EnvironmentAsync() => await PlaceholderEnvironmentAsync(Temp);

        public static async Task<IDictionary<string, string>?> PlaceholderEnvironmentAsync(TempFolder owner)
        {
            var terms = Path.Combine(owner.NewFolder("terms"), "placeholder.tsv");
            await File.WriteAllTextAsync(terms, "zorblat\t*\ttoken\tcsam\ttest\nvrel dapto\t*\tphrase\tcsam\ttest\n");
            return new Dictionary<string, string>
            {
                ["WAYMARK_SCREENING_TERMS"] = terms,
                ["Logging__LogLevel__Default"] = "Trace",
                ["Logging__LogLevel__Microsoft"] = "Trace",
                ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
            };
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task The_api_answers_with_the_warning_for_an_obfuscated_term()
    {
        using var json = await ScreenAsync("z 0 r b l 4 t", "fi");
        var root = json.RootElement;
        Assert.True(root.GetProperty("matched").GetBoolean());
        Assert.Equal("csam", root.GetProperty("category").GetString());
        var variant = root.GetProperty("variant").GetString();
        Assert.False(string.IsNullOrEmpty(variant));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("message").GetString()));
        var links = root.GetProperty("links").EnumerateArray().ToList();
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.StartsWith($"/go/{l.GetProperty("id").GetString()}?v={variant}&lang=fi", l.GetProperty("url").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("how to report z0rblat", "fi")]
    [InlineData("كيف أبلغ عن zorblat", "ar")]
    [InlineData("wie melde ich vrel dapto", "en")]
    public async Task The_api_sends_a_query_that_asks_how_to_report_to_the_reporting_page(string query, string language)
    {
        using var json = await ScreenAsync(query, language);
        var root = json.RootElement;
        Assert.True(root.GetProperty("matched").GetBoolean());
        Assert.Equal("report", root.GetProperty("intent").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("variant").ValueKind);
        var url = Assert.Single(root.GetProperty("links").EnumerateArray().ToList()).GetProperty("url").GetString();
        Assert.Equal($"/{language}/reporting", url);

        // That page is the reporting guidance (the address, never the material) and the reporting routes, and passes the page checker.
        using var page = await _http.GetAsync(new Uri(_server.PublicUrl, url));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        using var guidance = await _http.GetAsync(new Uri(_server.PublicUrl, $"/{language}/directory/report"));
        Assert.Equal(await guidance.Content.ReadAsStringAsync(), html);
        var parsed = HtmlPage.Parse(html);
        Assert.Equal(language, parsed.DocumentElement.GetAttribute("lang"));
        Assert.Contains(root.GetProperty("message").GetString()!.Split("\n\n")[0], parsed.Body!.TextContent, StringComparison.Ordinal);
        PageChecker.AssertClean(await checker.CheckUrlAsync(new Uri(_server.PublicUrl, url)));
    }

    [Fact]
    public async Task The_api_does_not_flag_innocent_queries()
    {
        using var json = await ScreenAsync("zorblats and vrel", "en");
        Assert.False(json.RootElement.GetProperty("matched").GetBoolean());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("variant").ValueKind);
        Assert.Empty(json.RootElement.GetProperty("links").EnumerateArray());
    }

    [Theory]
    [InlineData("q=%ffzorblat&lang=en")] // an invalid escape is U+FFFD, not the letters "ff"
    [InlineData("q=new+zor%2Dblat+2025")]
    [InlineData("lang=en&q=zor%C2%A0blat")] // no-break space inside the word
    [InlineData("q=%E2%80zorblat%ZZ")] // a truncated sequence, a bad escape
    [InlineData("q=zor%EF%BF%BEblat")] // U+FFFE, valid UTF-8 that NFKC refuses: answered, and read as Ahmia reads it
    public async Task The_api_decodes_the_query_as_a_search_engine_does(string queryString)
    {
        using var response = await _http.GetAsync(new Uri(_server.PublicUrl, "/api/screen?" + queryString));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("matched").GetBoolean(), queryString);
    }

    [Theory]
    [InlineData("/api/screen")]
    [InlineData("/api/screen?q=a&q=b")]
    public async Task The_api_rejects_a_missing_or_repeated_query_with_a_message(string path)
    {
        using var response = await _http.GetAsync(new Uri(_server.PublicUrl, path));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("query", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_rejects_an_overlong_query()
    {
        using var response = await _http.GetAsync(new Uri(_server.PublicUrl, "/api/screen?q=" + new string('a', 1001)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_api_is_not_on_the_console_listener()
    {
        using var response = await _http.GetAsync(new Uri(_server.ConsoleUrl, "/api/screen?q=zorblat"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    [InlineData("fa")]
    public async Task The_warning_page_passes_the_page_checker(string language)
    {
        PageChecker.AssertClean(await checker.CheckUrlAsync(new Uri(_server.PublicUrl, $"/{language}/warning?v=neutral")));
        PageChecker.AssertClean(await checker.CheckUrlAsync(new Uri(_server.PublicUrl, $"/{language}/warning")));
    }

    [Theory]
    [InlineData("en", Microsoft.Playwright.ColorScheme.Light)]
    [InlineData("ar", Microsoft.Playwright.ColorScheme.Dark)]
    public async Task The_warning_is_visibly_a_notice_and_named_as_one(string language, Microsoft.Playwright.ColorScheme scheme)
    {
        await using var context = await checker.NewNoScriptContextAsync();
        var page = await context.NewPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = scheme });
        await page.GotoAsync(new Uri(_server.PublicUrl, $"/{language}/warning?v=neutral").ToString());
        var warning = page.Locator("section.warning");
        var look = await warning.EvaluateAsync<string[]>(
            "e => { const s = getComputedStyle(e), b = getComputedStyle(document.body); return [s.borderTopWidth, s.borderInlineStartWidth, s.borderTopStyle, s.backgroundColor, b.backgroundColor, getComputedStyle(e.querySelector('.warning-heading')).fontWeight]; }");
        Assert.True(double.Parse(look[0].TrimEnd('p', 'x'), System.Globalization.CultureInfo.InvariantCulture) >= 2, look[0]);
        Assert.True(double.Parse(look[1].TrimEnd('p', 'x'), System.Globalization.CultureInfo.InvariantCulture) >= 8, look[1]);
        Assert.Equal("solid", look[2]);
        Assert.NotEqual(look[4], look[3]); // its own background
        Assert.True(int.Parse(look[5], System.Globalization.CultureInfo.InvariantCulture) >= 700, look[5]);
        // Announced as a region whose name starts with "This search was stopped" (in the page's language).
        var heading = await page.Locator(".warning-heading").InnerTextAsync();
        // The page has other regions (the survey invitation); exactly one holds the warning.
        var region = page.GetByRole(Microsoft.Playwright.AriaRole.Region).Filter(new() { Has = page.Locator(".warning-heading") });
        Assert.Equal(1, await region.CountAsync());
        var name = await region.EvaluateAsync<string>("e => e.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent.trim()).join(' ')");
        Assert.StartsWith(heading.Trim(), name, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("img, svg, picture").CountAsync());
    }

    [Fact]
    public async Task The_warning_page_is_right_to_left_in_Arabic_in_every_variant()
    {
        // Every shipped language has every variant; the English fallback for a missing one is covered with a fixture in ScreenerTests.
        foreach (var variant in new[] { "neutral", "legal-negative" })
        {
            var arabic = HtmlPage.Parse(await _http.GetStringAsync(new Uri(_server.PublicUrl, $"/ar/warning?v={variant}")));
            Assert.Equal(("ar", "rtl"), (arabic.DocumentElement.GetAttribute("lang"), arabic.DocumentElement.GetAttribute("dir")));
            var warning = arabic.One("section.warning");
            Assert.Equal(("ar", "rtl"), (warning.GetAttribute("lang"), warning.GetAttribute("dir")));
            Assert.True(warning.Has($"a[href='/go/selfhelp?v={variant}&lang=ar']"));
        }
    }

    [Fact]
    public async Task The_warning_page_works_with_JavaScript_off()
    {
        await using var context = await checker.NewNoScriptContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(_server.PublicUrl, "/en/warning?v=efficacy-positive").ToString());
        Assert.Equal("You can stop, and many people have", await page.InnerTextAsync("h1"));
        await page.ClickAsync("a[href^='/go/selfhelp']");
        Assert.EndsWith("/en/help", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fragment_is_the_warning_without_a_document_or_script()
    {
        var fragment = HtmlPage.Parse(await _http.GetStringAsync(new Uri(_server.PublicUrl, "/fi/warning/fragment?v=neutral")));
        // A fragment: no doctype, no <html> of its own (its attributes would land on the parsed root), nothing for a head.
        Assert.Null(fragment.Doctype);
        Assert.Empty(fragment.DocumentElement.Attributes);
        Assert.Empty(fragment.Head!.Children);
        // Sections only, the warning first (the research invitation follows it).
        Assert.All(fragment.Body!.Children, section => Assert.Equal("section", section.LocalName));
        Assert.True(fragment.Body.FirstElementChild!.Matches("section.warning[lang=fi]"));
        Assert.False(fragment.Has("script"));
        Assert.True(fragment.Has("a[href='/go/survey?v=neutral&lang=fi']"));
    }

    [Theory]
    [InlineData("ar", "", "https://troubled-desire.com/")]
    [InlineData("zh-hans", "", "https://troubled-desire.com/")]
    [InlineData("fi", "", "https://www.seritatyo.fi/")]
    [InlineData("en", "", "https://www.stopitnow.org/")]
    [InlineData("en", "GB", "https://www.stopitnow.org.uk/")]
    [InlineData("ar", "DE", "https://www.kein-taeter-werden.de/")]
    [InlineData("en", "FI", "https://www.mielenterveystalo.fi/en/self-help/self-help-program-sexual-interest-children")]
    [InlineData("ar", "ZZ", "https://troubled-desire.com/")]
    [InlineData("ar", "global", "https://troubled-desire.com/")]
    [InlineData("ar", "%3Cb%3E", "https://troubled-desire.com/")]
    public async Task The_helpline_follows_the_language_and_a_country_only_when_the_visitor_chooses_one(string language, string country, string expected)
    {
        var page = HtmlPage.Parse(await _http.GetStringAsync(new Uri(_server.PublicUrl, $"/{language}/warning?v=neutral")));
        // The choice is a plain GET form on the warning, listing only countries where the directory has a service.
        var form = page.One("form.helpline-country");
        Assert.Equal(("get", "/go/helpline"), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.True(form.Has("option[value=GB]"));
        Assert.False(form.Has("option[value=SA]"));

        var query = country.Length == 0 ? "" : "&country=" + country;
        using var response = await _http.GetAsync(new Uri(_server.PublicUrl, $"/go/helpline?v=neutral&lang={language}{query}"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/go/nosuchlink?v=neutral&lang=en")]
    [InlineData("/go/https:%2F%2Fevil.example?v=neutral")]
    public async Task Click_through_goes_only_to_allow_listed_targets(string path)
    {
        using var response = await _http.GetAsync(new Uri(_server.PublicUrl, path));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Screening_and_clicks_are_counted_per_day_language_variant_and_link_and_no_query_is_kept()
    {
        // Counts start from zero, and every query this server saw is one of this test's: a server of its own.
        await using var server = await ServerProcess.StartAsync(await Server.PlaceholderEnvironmentAsync(_temp));
        using (await ScreenAsync($"z0rblat {Marker}", "fi", server))
        {
        }

        using (await ScreenAsync($"vrel.dapto {Marker}", "fi", server))
        {
        }

        using (await ScreenAsync($"innocent {Marker}", "ar", server))
        {
        }

        using (await ScreenAsync($"report zorblat {Marker}", "ar", server))
        {
        }

        using (var response = await _http.GetAsync(new Uri(server.PublicUrl, "/go/selfhelp?v=harm-negative&lang=fi")))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/fi/help", response.Headers.Location?.OriginalString);
        }

        using (var response = await _http.GetAsync(new Uri(server.PublicUrl, $"/go/helpline?v={Marker}&lang=xx")))
        {
            Assert.Equal("https://www.stopitnow.org/", response.Headers.Location?.OriginalString);
        }

        await server.StopAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using (var database = await WaymarkDatabase.OpenAsync(new StorageSettings { DataDirectory = server.DataDirectory }))
        {
            var counters = await database.Counters.ReadByPrefixAsync("screen:");
            Assert.All(counters, c => Assert.Equal(today, c.Day));
            Assert.Equal(2, counters.Single(c => c.Name == "screen:screened" && c.Dimension == "fi").Count);
            Assert.Equal(2, counters.Single(c => c.Name == "screen:screened" && c.Dimension == "ar").Count);
            Assert.Equal(1, counters.Single(c => c.Name == "screen:report" && c.Dimension == "ar").Count); // sent to the reporting page, not warned
            Assert.Equal(2, counters.Where(c => c.Name == "screen:matched" && c.Dimension.StartsWith("fi/", StringComparison.Ordinal)).Sum(c => c.Count));
            Assert.DoesNotContain(counters, c => c.Name == "screen:matched" && c.Dimension.StartsWith("ar", StringComparison.Ordinal));
            Assert.Equal(1, counters.Single(c => c.Name == "screen:click" && c.Dimension == "fi/harm-negative/selfhelp").Count);
            Assert.Equal(1, counters.Single(c => c.Name == "screen:click" && c.Dimension == "en/none/helpline").Count);
        }

        var stored = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(server.DataDirectory, "*", SearchOption.AllDirectories))
        {
            stored.Append(Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)));
        }

        Assert.Contains("screen:screened", stored.ToString(), StringComparison.Ordinal); // the files were read
        Assert.Contains("Now listening", server.Output, StringComparison.Ordinal); // the log was captured
        foreach (var trace in new[] { Marker, "z0rblat", "vrel.dapto" })
        {
            Assert.DoesNotContain(trace, stored.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(trace, server.Output, StringComparison.Ordinal);
        }
    }

    private async Task<JsonDocument> ScreenAsync(string query, string language, ServerProcess? server = null)
    {
        var url = new Uri((server ?? _server).PublicUrl, $"/api/screen?q={Uri.EscapeDataString(query)}&lang={language}");
        using var response = await _http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
