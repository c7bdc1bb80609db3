using System.Net;
using Waymark.SelfHelp.Content;
using Waymark.Testing;
using Waymark.Web.Localization;

namespace Waymark.Web.Tests;

/// <summary>Every self-help, directory and parents page: clean in English and Arabic, served in every language.</summary>
public sealed class SelfHelpPagesTests(PageChecker checker, ServerFixture fixture) : IClassFixture<PageChecker>, IClassFixture<ServerFixture>
{
    private static readonly ContentLibrary Content =
        ContentLibrary.Load(Path.Combine(TestEnvironment.RepositoryRoot, "content"), Languages.All.Select(language => language.Code));

    private static readonly string[] FixedPages = ["help", "help/delete", "directory", "directory?country=GB", "directory?language=de", "directory/report", "parents"];

    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    private static IEnumerable<string> PagesIn(string language) =>
        FixedPages
            .Concat(Content.ProgrammeIn(language).Modules.Select(module => "help/" + module.Id))
            .Concat(Content.ProgrammeIn(language).Tools.Select(tool => "help/" + tool.Id))
            .Concat(Content.ParentsIn(language).Select(article => "parents/" + article.Id))
            .Select(page => $"/{language}/{page}");

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    [InlineData("ru")]
    public async Task Every_page_passes_the_page_checker(string language)
    {
        var problems = new List<string>();
        foreach (var page in PagesIn(language).Append("/leave"))
        {
            problems.AddRange(await checker.CheckUrlAsync(new Uri(fixture.Server.PublicUrl, page)));
        }

        PageChecker.AssertClean(problems);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    [InlineData("ru")]
    public async Task Every_programme_page_fits_a_360_px_screen(string language)
    {
        var problems = new List<string>();
        foreach (var page in PagesIn(language).Where(page => page.StartsWith($"/{language}/help", StringComparison.Ordinal)))
        {
            var url = new Uri(fixture.Server.PublicUrl, page);
            problems.AddRange(await checker.CheckNarrowScreenAsync(url, await _http.GetStringAsync(url)));
        }

        PageChecker.AssertClean(problems);
    }

    [Theory]
    [InlineData("en", "stop-it-now-uk", true)]
    [InlineData("uk", "ua-lifeline", true)]
    [InlineData("ar", "sa-child-helpline", true)]
    [InlineData("de", "de-telefonseelsorge", true)]
    [InlineData("sv", "se-mind-sjalvmordslinjen", true)]
    [InlineData("pt", "br-cvv-188", true)]
    [InlineData("es", "es-linea-024", true)]
    [InlineData("sr", "rs-centar-srce", true)]
    [InlineData("ru", "ru-msph-051", true)]
    [InlineData("ne", "np-suicide-helpline-1166", true)]
    [InlineData("ja", "jp-yorisoi-hotline", true)]
    public async Task The_crisis_page_lists_the_crisis_lines_of_the_reader_language(string language, string first, bool own)
    {
        var html = await _http.GetStringAsync(new Uri(fixture.Server.PublicUrl, $"/{language}/help/crisis"));
        var notListed = Strings(language)["Help.Crisis.NoOwnLanguage"];

        var page = HtmlPage.Parse(html);

        Assert.True(page.Has($"#entry-{first}"));
        Assert.True(page.Has("#entry-befrienders-worldwide"));
        Assert.False(page.Has("#entry-inhope")); // a reporting route is no crisis line
        Assert.Equal(!own, page.Body!.TextContent.Contains(notListed, StringComparison.Ordinal));
        Assert.True(page.Has($"a[href='/{language}/help/safety-plan']"));

        // The emergency-number advice is said once: the page's first step says it, the lines below do not repeat it.
        var emergency = Strings(language)["Help.Crisis.Emergency"];
        Assert.False(page.Has(".emergency"));
        var text = page.Body.TextContent;
        Assert.True(text.IndexOf(emergency, StringComparison.Ordinal) == text.LastIndexOf(emergency, StringComparison.Ordinal), $"the emergency advice is said twice on /{language}/help/crisis");
    }

    [Fact]
    public async Task A_country_chosen_on_the_crisis_page_puts_its_lines_first_and_nothing_is_kept()
    {
        var english = await _http.GetStringAsync(new Uri(fixture.Server.PublicUrl, "/en/help/crisis"));
        var englishPage = HtmlPage.Parse(english);
        Assert.Equal("get", englishPage.One("form.crisis-country[action='/en/help/crisis']").GetAttribute("method"));
        Assert.False(englishPage.One("form.crisis-country option[value=BR]").HasAttribute("selected"));
        Assert.True(englishPage.QuerySelector("#entry-br-cvv-188") is not { } brazilLine || englishPage.One("#entry-stop-it-now-uk").Precedes(brazilLine));

        using var response = await _http.GetAsync(new Uri(fixture.Server.PublicUrl, "/en/help/crisis?country=BR"));
        var brazil = await response.Content.ReadAsStringAsync();
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var brazilPage = HtmlPage.Parse(brazil);
        Assert.True(brazilPage.One("form.crisis-country option[value=BR]").HasAttribute("selected"));
        Assert.True(brazilPage.One("#entry-br-cvv-188").Precedes(brazilPage.One("#entry-stop-it-now-uk")), "the chosen country's line comes first");
        Assert.False(brazilPage.Has("[href*='country=']")); // the choice is not carried into any link
        Assert.DoesNotContain("?country=BR", brazil, StringComparison.Ordinal); // nor anywhere else in the page

        // A country the directory has no line for is ignored: the page is the reader's language's.
        var unknown = HtmlPage.Parse(await _http.GetStringAsync(new Uri(fixture.Server.PublicUrl, "/en/help/crisis?country=ZZ")));
        Assert.False(unknown.Has("option[selected]"));
        Assert.False(unknown.Has("#entry-br-cvv-188"));
    }

    [Fact]
    public async Task Every_module_links_to_the_safety_plan_and_the_crisis_page_in_one_click()
    {
        foreach (var module in Content.ProgrammeIn("en").Modules)
        {
            var html = await _http.GetStringAsync(new Uri(fixture.Server.PublicUrl, "/en/help/" + module.Id));
            var page = HtmlPage.Parse(html);
            Assert.True(page.Has("a[href='/en/help/safety-plan']"), module.Id);
            Assert.True(page.Has("a.crisis-link[href='/en/help/crisis']"), module.Id);
        }
    }

    [Fact]
    public async Task Directory_parents_and_help_render_in_every_language_with_its_own_strings()
    {
        var englishDirectoryTitle = await TitleOfAsync("/en/directory");
        foreach (var language in Languages.All)
        {
            foreach (var page in PagesIn(language.Code))
            {
                using var response = await _http.GetAsync(new Uri(fixture.Server.PublicUrl, page));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
                var html = await response.Content.ReadAsStringAsync();
                var parsed = HtmlPage.Parse(html);
                var root = parsed.DocumentElement;
                Assert.Equal((language.Code, language.Direction), (root.GetAttribute("lang"), root.GetAttribute("dir")));
                Assert.False(parsed.Has("script"), page);
            }

            if (language.Code != Languages.DefaultCode)
            {
                Assert.NotEqual(englishDirectoryTitle, await TitleOfAsync($"/{language.Code}/directory"));
            }
        }
    }

    [Theory]
    [InlineData("ja", false)]
    [InlineData("ar", false)]
    [InlineData("de", false)]
    [InlineData("es", false)]
    [InlineData("fi", false)]
    public async Task A_module_without_translation_says_it_is_shown_in_english(string language, bool fallback)
    {
        var html = await _http.GetStringAsync(new Uri(fixture.Server.PublicUrl, $"/{language}/help/why-change"));

        var page = HtmlPage.Parse(html);
        Assert.Equal(fallback, page.Has("article[lang=en][dir=ltr]"));
        Assert.Equal(fallback, page.Has($".notice[lang={language}]"));
    }

    [Fact]
    public async Task Directory_addresses_are_text_and_unverified_entries_are_marked()
    {
        var html = await _http.GetStringAsync(new Uri(fixture.Server.PublicUrl, "/en/directory"));

        var page = HtmlPage.Parse(html);
        Assert.Contains("https://report.cybertip.org/", page.Texts("code[dir=ltr]"));
        Assert.False(page.Has("[href^='http:'], [href^='https:'], [href^='//']"), "an address elsewhere is text to copy, never a link");
        Assert.Contains("Not yet verified by this service", html, StringComparison.Ordinal);
        var britain = await _http.GetStringAsync(new Uri(fixture.Server.PublicUrl, "/en/directory?country=GB"));
        Assert.Contains("Internet Watch Foundation", britain, StringComparison.Ordinal);
        Assert.DoesNotContain("CyberTipline", britain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_directory_shows_help_before_reporting_and_the_reader_language_first()
    {
        var finnish = HtmlPage.Parse(await _http.GetStringAsync(new Uri(fixture.Server.PublicUrl, "/fi/directory")));

        static bool Before(AngleSharp.Dom.IDocument page, string first, string then) => page.One($"#{first}").Precedes(page.One($"#{then}"));

        Assert.True(Before(finnish, "group-worried-about-own-thoughts", "group-report"));
        Assert.True(Before(finnish, "entry-fi-mielenterveystalo-self-help", "entry-troubled-desire"));
        Assert.True(Before(finnish, "entry-fi-nettivihje", "entry-inhope"));
        var notes = finnish.Texts("p.entry-note:not([lang])");
        Assert.Contains(notes, note => note.StartsWith("Nimetön ja maksuton verkko-omahoito-ohjelma", StringComparison.Ordinal));
        Assert.Contains(notes, note => note.StartsWith("Berliiniläisen Charitén nimetön verkko-ohjelma", StringComparison.Ordinal));
        Assert.False(finnish.Has("p.entry-note[lang=en]")); // every note has its Finnish draft (content/directory/notes/fi.txt)
        Assert.Contains("Tiedot otettu julkaistuista tiedoista (ks. Lähde) 2026-12-06", finnish.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Viimeksi tarkistettu", finnish.Body.TextContent, StringComparison.Ordinal);

        var reporting = HtmlPage.Parse(await _http.GetStringAsync(new Uri(fixture.Server.PublicUrl, "/en/directory/report")));

        Assert.True(Before(reporting, "group-report", "group-worried-about-own-thoughts"));
        Assert.True(Before(reporting, "entry-inhope", "entry-fi-nettivihje"));
    }

    [Theory]
    [InlineData("fa")]
    [InlineData("ar")]
    [InlineData("ta")]
    public async Task What_the_programme_says_about_its_sources_is_in_the_reader_language_and_only_the_references_are_english(string language)
    {
        var page = HtmlPage.Parse(await _http.GetStringAsync(new Uri(fixture.Server.PublicUrl, $"/{language}/help")));

        Assert.Equal(Strings(language)["Help.ReviewNotice"], page.Text("p.notice")); // starter content awaiting clinical review, said in the reader's language
        var sources = page.One("div.sources[lang=en]");
        Assert.Equal(Strings(language)["Help.SourcesNote"], sources.PreviousElementSibling!.TextContent);
        Assert.Equal(Strings(language)["Help.Sources"], sources.PreviousElementSibling!.PreviousElementSibling!.TextContent);
        Assert.Empty(sources.QuerySelectorAll("p")); // a list of references, no English prose around it
        Assert.True(sources.QuerySelectorAll("li").Length >= 10);
    }

    [Theory]
    [InlineData("de", "de-telefonseelsorge", "Telefon", "(Zeiten: rund um die Uhr, täglich)", "Deutschland", "Alle")]
    [InlineData("ar", "es-incibe-017", "الهاتف", "كل يوم \u206608:00–23:00 CET\u2069", "إسبانيا", "الشباب، الآباء ومقدّمو الرعاية، أي شخص")]
    [InlineData("ru", "es-incibe-017", "Телефон", "(Часы работы: ежедневно \u206608:00–23:00 CET\u2069)", "Испания", null)]
    [InlineData("ja", "es-incibe-017", "電話", "毎日 \u206608:00–23:00 CET\u2069", "スペイン", null)]
    public async Task Opening_hours_countries_and_lists_are_said_in_the_reader_language(string language, string entry, string channel, string said, string country, string? audience)
    {
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await _http.GetStringAsync(new Uri(fixture.Server.PublicUrl, $"/{language}/directory")));
        var article = page.GetElementById("entry-" + entry);
        Assert.NotNull(article);
        var phone = article.QuerySelectorAll("dt").First(dt => dt.TextContent == channel).NextElementSibling!;

        Assert.Contains(said, phone.TextContent, StringComparison.Ordinal);
        var facts = article.QuerySelectorAll("dt").GroupBy(dt => dt.TextContent).ToDictionary(g => g.Key, g => g.First().NextElementSibling!.TextContent);
        Assert.Equal(country, facts[Strings(language)["Directory.Country"]]);
        if (audience is not null)
        {
            Assert.Equal(audience, facts[Strings(language)["Directory.For"]]);
        }

        Assert.DoesNotContain("24 hours", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(page.QuerySelectorAll("dd [lang=en]"), element => element.TextContent.Contains(':', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/en/help/zorblat")]
    [InlineData("/en/parents/quenmix")]
    [InlineData("/xx/help")]
    public async Task Unknown_modules_and_topics_are_not_found(string path)
    {
        using var response = await _http.GetAsync(new Uri(fixture.Server.PublicUrl, path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_leave_page_is_neutral_and_links_nowhere()
    {
        var html = await _http.GetStringAsync(new Uri(fixture.Server.PublicUrl, "/leave"));

        Assert.DoesNotContain("Waymark", html, StringComparison.Ordinal);
        Assert.DoesNotContain("help", html, StringComparison.OrdinalIgnoreCase);
        Assert.False(HtmlPage.Parse(html).Has("a, [href]:not(link)"));
    }

    private static Dictionary<string, string> Strings(string language) =>
        File.ReadLines(Path.Combine(TestEnvironment.RepositoryRoot, "src", "Waymark.Web", "Resources", "strings", language + ".txt"))
            .Where(line => line.Contains(" = ", StringComparison.Ordinal) && !line.StartsWith('#'))
            .Select(line => line.Split(" = ", 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.Ordinal);

    private async Task<string> TitleOfAsync(string path)
    {
        var html = await _http.GetStringAsync(new Uri(fixture.Server.PublicUrl, path));
        var start = html.IndexOf("<h1>", StringComparison.Ordinal);
        return html[start..html.IndexOf("</h1>", start, StringComparison.Ordinal)];
    }
}
