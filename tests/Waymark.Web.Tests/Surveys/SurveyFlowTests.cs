using System.Text.Json;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Web.Tests.Surveys;

/// <summary>The flow over plain HTTP: quality flags stored with the response, a tampered state refused, an unknown survey 404.</summary>
/// <remarks>The tests share one server: each reads back only the responses it stored (by their ages).</remarks>
public sealed class SurveyFlowTests(SurveyFormsServer fixture) : IClassFixture<SurveyFormsServer>
{
    private readonly ServerProcess _server = fixture.Server;

    [Fact]
    public async Task A_straight_lined_fast_response_with_a_failed_attention_check_honeypot_and_gibberish_is_stored_with_its_flags()
    {
        using var http = new HttpClient();
        var careless = new HttpRespondent(http, _server.PublicUrl, SurveyTestForms.FlowTest);
        await careless.OpenAsync();
        await careless.PostAsync("start");
        await careless.PostAsync("next", ("age", "44"), ("helped", "no"), ("contact_email", "robot@example.org"));
        await careless.PostAsync("next", ("f1", "often"), ("f2", "often"), ("f3", "often"), ("check", "red"));
        await careless.PostAsync("next", ("why", "asdfghjkl"));
        Assert.True(careless.IsComplete, careless.Html);

        var careful = new HttpRespondent(http, _server.PublicUrl, SurveyTestForms.FlowTest);
        await careful.CompleteFlowTestAsync(45, "Nothing more, thank you.");
        Assert.True(careful.IsComplete);

        await using var database = await WaymarkDatabase.OpenAsync(new StorageSettings { DataDirectory = _server.DataDirectory });
        var stored = (await database.SurveyResponses.ReadAsync(SurveyTestForms.FlowTest))
            .ToDictionary(r => JsonDocument.Parse(r.Payload).RootElement.GetProperty("answers").GetProperty("age").GetString()!);
        Assert.Equal("honeypot straightlining gibberish attention fast", stored["44"].Flags);
        Assert.DoesNotContain("straightlining", stored["45"].Flags, StringComparison.Ordinal);
        Assert.DoesNotContain("honeypot", stored["45"].Flags, StringComparison.Ordinal);
        var record = JsonDocument.Parse(stored["44"].Payload).RootElement;
        Assert.Equal(["honeypot", "straightlining", "gibberish", "attention", "fast"], record.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(3, record.GetProperty("page_seconds").GetArrayLength());
        Assert.False(stored["44"].Payload.AsSpan().IndexOf("robot@example.org"u8) >= 0, "the honeypot's content is not kept");
    }

    [Fact]
    public async Task A_form_without_the_readers_language_marks_its_English_texts_as_English()
    {
        // The flow-test form has English and Arabic only: in Finnish its title and questions are English, and the page
        // (html lang="fi") marks each of them lang="en" under a notice in Finnish, never passing English off as Finnish.
        using var http = new HttpClient();
        var finnish = new HttpRespondent(http, _server.PublicUrl, SurveyTestForms.FlowTest, "fi");
        await finnish.OpenAsync();
        var opening = HtmlPage.Parse(finnish.Html);
        Assert.Equal(("Flow test", "en", "ltr"), Marked(opening.One("h1")));
        Assert.Equal("en", opening.One("title").GetAttribute("lang"));
        await finnish.PostAsync("start");
        var page = HtmlPage.Parse(finnish.Html);
        Assert.Equal("fi", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(("About you", "en", "ltr"), Marked(page.One("h2", "About you")));
        var english = page.QuerySelectorAll("span[lang=en][dir=ltr]").Select(span => span.TextContent).ToList();
        Assert.Contains("How old are you?", english);
        Assert.Contains("Have you looked for help before?", english);
        Assert.Equal(("Yes", "en", "ltr"), Marked(page.One("label[for=q-helped-0]")));
        Assert.StartsWith("Tätä osaa ei ole vielä käännetty", page.Text("p.notice"), StringComparison.Ordinal);

        // In a language the form has, nothing is marked and no notice is shown.
        var arabic = new HttpRespondent(http, _server.PublicUrl, SurveyTestForms.FlowTest, "ar");
        await arabic.OpenAsync();
        await arabic.PostAsync("start");
        var arabicPage = HtmlPage.Parse(arabic.Html);
        Assert.Equal(("عنك", null, null), Marked(arabicPage.One("h2", "عنك")));
        Assert.False(arabicPage.Has("span[lang=en]"));
        Assert.Null(arabicPage.One("label[for=q-helped-0]").GetAttribute("lang"));
        Assert.False(arabicPage.Has(".notice"));
    }

    [Fact]
    public async Task A_tampered_or_missing_state_starts_again_and_stores_nothing_and_an_unknown_survey_is_404()
    {
        using var http = new HttpClient();
        var respondent = new HttpRespondent(http, _server.PublicUrl, SurveyTestForms.FlowTest);
        await respondent.OpenAsync();
        await respondent.PostAsync("start");
        var state = respondent.State;
        var tampered = state[..^4] + (state[^4] == 'A' ? 'B' : 'A') + state[^3..];
        var html0 = respondent.Html;
        using var content = new FormUrlEncodedContent([
            new("wm-form", respondent.FormToken), new(HttpRespondent.RenderedName(html0, "state"), tampered),
            new(HttpRespondent.RenderedName(html0, "nav"), "next"), new(HttpRespondent.RenderedName(html0, "age"), "30")]);
        using var response = await http.PostAsync(new Uri(_server.PublicUrl, "/en/s/flow-test"), content);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("could not be read", html, StringComparison.Ordinal);
        Assert.True(HtmlPage.Parse(html).Has("form button[value=start]"), "the consent page again, to start afresh");

        using var unknown = await http.GetAsync(new Uri(_server.PublicUrl, "/en/s/no-such-survey"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        await using var database = await WaymarkDatabase.OpenAsync(new StorageSettings { DataDirectory = _server.DataDirectory });
        Assert.Equal(0, await database.SurveyResponses.CountAsync("no-such-survey"));
    }

    /// <summary>An element's text with the language and direction it is marked with (null where it is not marked).</summary>
    private static (string Text, string? Language, string? Direction) Marked(AngleSharp.Dom.IElement element) =>
        (element.TextContent, element.GetAttribute("lang"), element.GetAttribute("dir"));
}
