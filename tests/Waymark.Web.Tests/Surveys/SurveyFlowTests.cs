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
        Assert.Contains("<h1 lang=\"en\" dir=\"ltr\">Flow test</h1>", finnish.Html, StringComparison.Ordinal);
        Assert.Contains("<title lang=\"en\">", finnish.Html, StringComparison.Ordinal);
        await finnish.PostAsync("start");
        var html = finnish.Html;
        Assert.Contains("<html lang=\"fi\"", html, StringComparison.Ordinal);
        Assert.Contains("<h2 lang=\"en\" dir=\"ltr\">About you</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<span lang=\"en\" dir=\"ltr\">How old are you?</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span lang=\"en\" dir=\"ltr\">Have you looked for help before?</span>", html, StringComparison.Ordinal);
        Assert.Matches("<label for=\"q-helped-0\" lang=\"en\" dir=\"ltr\">Yes</label>", html);
        Assert.Contains("<p class=\"notice\">Tätä osaa ei ole vielä käännetty", html, StringComparison.Ordinal);

        // In a language the form has, nothing is marked and no notice is shown.
        var arabic = new HttpRespondent(http, _server.PublicUrl, SurveyTestForms.FlowTest, "ar");
        await arabic.OpenAsync();
        await arabic.PostAsync("start");
        Assert.Contains("<h2>عنك</h2>", arabic.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<span lang=\"en\"", arabic.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<label for=\"q-helped-0\" lang=", arabic.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"notice\"", arabic.Html, StringComparison.Ordinal);
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
        Assert.Contains("value=\"start\"", html, StringComparison.Ordinal);

        using var unknown = await http.GetAsync(new Uri(_server.PublicUrl, "/en/s/no-such-survey"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        await using var database = await WaymarkDatabase.OpenAsync(new StorageSettings { DataDirectory = _server.DataDirectory });
        Assert.Equal(0, await database.SurveyResponses.CountAsync("no-such-survey"));
    }
}
