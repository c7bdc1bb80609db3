using AngleSharp.Html.Parser;
using Waymark.Testing;

namespace Waymark.Language.Tests;

/// <summary>
/// The shipped surveys in every language, judged page by page as <see cref="PageLanguageTests"/> judges the site (its own
/// class, so that its server and the crawl's run side by side: each is a long run of identifications).
/// </summary>
public sealed class SurveyLanguageTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>
    /// Both shipped surveys, answered by a form-filling client without JavaScript (every item is optional, so
    /// it skips them all), from the first page to the thanks, with every page judged like the crawl's.
    /// </summary>
    [Theory]
    [MemberData(nameof(PageLanguageTests.AllLanguages), MemberType = typeof(PageLanguageTests))]
    public async Task Both_surveys_can_be_completed_and_every_page_of_them_is_in_the_language_it_declares(string language)
    {
        using var http = new HttpClient();
        var problems = new List<string>();
        foreach (var survey in new[] { "help-us-help-you", "no-need-for-help" })
        {
            var url = new Uri(fixture.Server.PublicUrl, $"/{language}/s/{survey}");
            using var first = await http.GetAsync(url);
            Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
            var html = await first.Content.ReadAsStringAsync();
            var pages = 0;
            for (; pages < 60; pages++)
            {
                var document = new HtmlParser().ParseDocument(html);
                PageLanguageTests.JudgePage(language, $"{url.AbsolutePath} page {pages + 1}", document, problems);
                // Marked English passes the crawl; the shipped surveys must not need it: their every text is in every language
                // (the buttons that switch language name each language in itself).
                problems.AddRange(document.QuerySelectorAll("main [lang]")
                    .Where(element => element.GetAttribute("lang") != language && element.Closest("nav, button, [hreflang]") is null)
                    .Select(element => $"{url.AbsolutePath} page {pages + 1}: a text in {element.GetAttribute("lang")}, not {language}: \"{PageLanguageTests.Shorten(element.TextContent)}\""));
                var forward = document.QuerySelectorAll("form button[type=submit]")
                    .FirstOrDefault(button => button.GetAttribute("value") is "start" or "next");
                if (forward is null)
                {
                    break;
                }

                var form = forward.Closest("form")!;
                var fields = form.QuerySelectorAll("input[type=hidden]")
                    .Select(input => new KeyValuePair<string, string>(input.GetAttribute("name")!, input.GetAttribute("value") ?? ""))
                    .Append(new(forward.GetAttribute("name")!, forward.GetAttribute("value")!));
                using var content = new FormUrlEncodedContent(fields);
                using var response = await http.PostAsync(new Uri(url, form.GetAttribute("action") ?? url.AbsolutePath), content);
                Assert.True(response.IsSuccessStatusCode, $"{url.AbsolutePath} page {pages + 1}: {(int)response.StatusCode}");
                html = await response.Content.ReadAsStringAsync();
            }

            var last = new HtmlParser().ParseDocument(html);
            Assert.True(last.QuerySelector("[role=status]") is not null, $"{url.AbsolutePath}: no thanks after {pages} pages");
            Assert.True(pages >= 3, $"{url.AbsolutePath}: only {pages} pages");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
