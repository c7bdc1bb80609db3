using System.Text;
using Waymark.Testing;
using Waymark.Web.Tests.Surveys;

namespace Waymark.Web.Tests;

/// <summary>
/// Pages carry their text as UTF-8 rather than as numeric character references (an Arabic page is half
/// the size over Tor), while markup characters in anything a visitor typed are still escaped.
/// </summary>
/// <remarks>The tests share one server: they only read pages.</remarks>
public sealed class PageEncodingTests(SurveyFormsServer fixture) : IClassFixture<SurveyFormsServer>, IDisposable
{
    private readonly ServerProcess _server = fixture.Server;
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData("/ar/warning", "ar")]
    [InlineData("/fa/privacy", "fa")]
    [InlineData("/zh-hans/", "zh-hans")]
    [InlineData("/ru/help", "ru")]
    public async Task Non_latin_text_is_sent_as_utf8_not_as_character_references(string path, string language)
    {
        using var response = await _http.GetAsync(new Uri(_server.PublicUrl, path));
        response.EnsureSuccessStatusCode();
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var html = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        // Letters are never references (a few invisible format characters such as the Persian zero-width
        // non-joiner still are: the encoder keeps those escaped, which is harmless).
        var letters = System.Text.RegularExpressions.Regex.Matches(html, "&#(x[0-9A-Fa-f]+|[0-9]+);")
            .Select(m => m.Groups[1].Value)
            .Select(v => v[0] == 'x' ? Convert.ToInt32(v[1..], 16) : int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is >= System.Globalization.UnicodeCategory.UppercaseLetter and <= System.Globalization.UnicodeCategory.OtherLetter)
            .ToList();
        Assert.True(letters.Count == 0, $"{path}: {letters.Count} letters sent as references");
        // The page's own language reaches it as characters: more letters outside ASCII than inside.
        Assert.Equal(language, HtmlPage.Parse(html).DocumentElement.GetAttribute("lang"));
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..];
        Assert.True(main.Count(c => c > 0x7f) > 100, main);
    }

    [Fact]
    public async Task What_a_respondent_typed_is_shown_back_in_arabic_with_its_markup_escaped()
    {
        const string Typed = "<b onclick=\"x\">زوربلات</b> & 'منتدى' > \"هنا\"";
        var respondent = new HttpRespondent(_http, _server.PublicUrl, SurveyTestForms.FlowTest, "ar");
        await respondent.OpenAsync();
        await respondent.PostAsync("start");
        await respondent.PostAsync("next", ("age", "30"), ("helped", "yes"));
        await respondent.PostAsync("next", ("age", "30"), ("helped", "yes"), ("helper", Typed)); // a page is posted whole
        Assert.Contains("متفائل", respondent.Html, StringComparison.Ordinal); // the second page
        await respondent.PostAsync("back");
        var html = respondent.Html;
        Assert.Contains("زوربلات", html, StringComparison.Ordinal); // Arabic letters as characters, not references
        var page = HtmlPage.Parse(html);
        Assert.Contains("كم عمرك؟", page.Body!.TextContent, StringComparison.Ordinal);
        // What was typed comes back as the field's value, character for character, and none of it became markup.
        Assert.Contains(Typed, page.QuerySelectorAll("input, textarea").Select(field => field is AngleSharp.Html.Dom.IHtmlTextAreaElement area ? area.Value : field.GetAttribute("value")));
        Assert.False(page.Has("b, [onclick]"));
    }

    [Fact]
    public async Task Follow_up_questions_revealed_on_the_same_page_come_with_a_short_notice()
    {
        var respondent = new HttpRespondent(_http, _server.PublicUrl, SurveyTestForms.FlowTest);
        await respondent.OpenAsync();
        await respondent.PostAsync("start");
        Assert.DoesNotContain("Where did you look?", respondent.Html, StringComparison.Ordinal);
        await respondent.PostAsync("next", ("age", "30"), ("helped", "no"));
        Assert.DoesNotContain("new questions", respondent.Html, StringComparison.Ordinal); // nothing revealed: the next page
        await respondent.PostAsync("back");
        await respondent.PostAsync("next", ("age", "30"), ("helped", "yes"));
        Assert.Contains("Where did you look?", respondent.Html, StringComparison.Ordinal);
        Assert.Contains("Your answers opened new questions on this page. Please look at them before you go on.", respondent.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("error-summary", respondent.Html, StringComparison.Ordinal);
        await respondent.PostAsync("next", ("age", "30"), ("helped", "yes"), ("helper", "A helpline"));
        Assert.Contains("Hopeful", respondent.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("new questions", respondent.Html, StringComparison.Ordinal);
    }
}
