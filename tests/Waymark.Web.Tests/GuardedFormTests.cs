using System.Net;
using System.Text.RegularExpressions;
using Waymark.Storage;
using Waymark.Testing;
using Waymark.Web.Forms;
using Waymark.Web.Hosting;
using Waymark.Web.Tests.Surveys;

namespace Waymark.Web.Tests;

/// <summary>
/// Every public POST form is guarded by FormGuard over real HTTP: a bot replaying a stored form
/// (no token, a forged one, another rendering's field names, a filled honeypot on self-help) gets a
/// clear 4xx page and nothing is stored; one rendering sent too often gets 429.
/// </summary>
public sealed class GuardedFormTests : IAsyncLifetime
{
    private readonly TempFolder _temp = TempFolder.Create("GuardedFormTests");

    private ServerProcess _server = null!;
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(SurveyTestForms.Environment(SurveyTestForms.NewFolder(_temp)));

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    private Uri Survey => new(_server.PublicUrl, "/en/s/" + SurveyTestForms.FlowTest);

    private async Task<(HttpStatusCode Status, string Html)> PostAsync(Uri url, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var response = await _http.PostAsync(url, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<(long Responses, long Drafts, long Vaults)> StoredAsync()
    {
        await using var database = await WaymarkDatabase.OpenAsync(new StorageSettings { DataDirectory = _server.DataDirectory });
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        async Task<long> Count(string table)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM " + table;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        return (await Count("survey_responses"), await Count("survey_drafts"), await Count("selfhelp_vaults"));
    }

    [Fact]
    public async Task Every_public_post_form_carries_a_token_a_honeypot_and_rotated_names()
    {
        var first = await _http.GetStringAsync(Survey);
        var second = await _http.GetStringAsync(Survey);
        Assert.NotEqual(HttpRespondent.GuardToken(first), HttpRespondent.GuardToken(second));
        Assert.NotEqual(HttpRespondent.RenderedName(first, "nav"), HttpRespondent.RenderedName(second, "nav"));
        Assert.False(HtmlPage.Parse(first).Has("[name=nav]"));
        foreach (var path in new[] { "/en/help", "/en/help/why-change", "/en/help/delete", "/en/s/flow-test/resume", "/ar/help" })
        {
            var page = HtmlPage.Parse(await _http.GetStringAsync(new Uri(_server.PublicUrl, path)));
            var forms = page.QuerySelectorAll("form[method=post]");
            Assert.NotEmpty(forms);
            Assert.All(forms, form =>
            {
                Assert.True(form.Has("input[type=hidden][name=wm-form]"));
                // The honeypot: an empty hidden field under a rotated name that ends with the bait.
                Assert.Contains(form.QuerySelectorAll("input[type=hidden]"), input =>
                    Regex.IsMatch(input.GetAttribute("name")!, "^f[0-9a-f]{12}-" + GuardedForm.HoneypotBait + "$") && input.GetAttribute("value") == "");
            });
            Assert.False(page.Has("[name=phrase]"));
        }
    }

    [Fact]
    public async Task A_bot_replaying_a_stored_survey_form_is_refused_with_a_clear_page_and_nothing_is_stored()
    {
        var respondent = new HttpRespondent(_http, _server.PublicUrl, SurveyTestForms.FlowTest);
        await respondent.OpenAsync();
        await respondent.PostAsync("start");
        var stored = respondent.Html; // the first question page, as a bot would keep it
        var fresh = await _http.GetStringAsync(Survey);
        string Name(string html, string field) => HttpRespondent.RenderedName(html, field);
        var state = respondent.State;

        var attempts = new (string What, (string, string)[] Fields)[]
        {
            ("plain names, no token", [("state", state), ("nav", "save"), ("age", "30")]),
            ("a forged token", [("wm-form", "CfDJ8" + new string('A', 120)), (Name(stored, "state"), state), (Name(stored, "nav"), "save")]),
            ("another rendering's token", [("wm-form", HttpRespondent.GuardToken(fresh)), (Name(stored, "state"), state), (Name(stored, "nav"), "save")]),
            ("a field name the rendering never had", [("wm-form", HttpRespondent.GuardToken(stored)), (Name(stored, "state"), state), (Name(stored, "nav"), "save"), ("age", "30")]),
        };
        foreach (var (what, fields) in attempts)
        {
            var (status, html) = await PostAsync(Survey, fields);
            Assert.True(status == HttpStatusCode.BadRequest, $"{what}: {(int)status}");
            Assert.Contains("could not be read", html, StringComparison.Ordinal);
            Assert.True(HtmlPage.Parse(html).Has("form[method=post] input[name=wm-form]"), what); // the consent form again, freshly guarded
        }

        Assert.Equal((0L, 0L, 0L), await StoredAsync());
        // The same stored page with its own token and names is a person's back button: accepted.
        var (again, _) = await PostAsync(Survey, ("wm-form", HttpRespondent.GuardToken(stored)), (Name(stored, "state"), state), (Name(stored, "nav"), "save"));
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal((0L, 1L, 0L), await StoredAsync());
    }

    [Fact]
    public async Task A_rendering_sent_more_often_than_the_limit_gets_429()
    {
        var consent = await _http.GetStringAsync(Survey);
        (string, string)[] start = [("wm-form", HttpRespondent.GuardToken(consent)), (HttpRespondent.RenderedName(consent, "state"), StateOf(consent)), (HttpRespondent.RenderedName(consent, "nav"), "start")];
        for (var i = 0; i < RateLimits.FormTokenWindow.PermitLimit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(Survey, start)).Status);
        }

        var (status, html) = await PostAsync(Survey, start);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Contains("could not be read", html, StringComparison.Ordinal);

        // Another rendering is not affected: the limit is per token, not per visitor or listener.
        var other = await _http.GetStringAsync(Survey);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Survey, ("wm-form", HttpRespondent.GuardToken(other)), (HttpRespondent.RenderedName(other, "state"), StateOf(other)), (HttpRespondent.RenderedName(other, "nav"), "start"))).Status);
    }

    [Fact]
    public async Task Self_help_refuses_a_filled_honeypot_and_replayed_names_and_stores_nothing()
    {
        var url = new Uri(_server.PublicUrl, "/en/help/why-change?handler=SaveNewPhrase");
        var page = await _http.GetAsync(new Uri(_server.PublicUrl, "/en/help/why-change"));
        var html = await page.Content.ReadAsStringAsync();
        Assert.False(page.Headers.Contains("Set-Cookie"), "the public site sets no cookie");
        var honeypot = System.Text.RegularExpressions.Regex.Match(html, "name=\"(f[0-9a-f]{12}-" + GuardedForm.HoneypotBait + ")\"").Groups[1].Value;
        Assert.NotEmpty(honeypot);

        async Task<(HttpStatusCode, string)> Post(params (string, string)[] fields)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))),
            };
            using var response = await _http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var token = HttpRespondent.GuardToken(html);
        foreach (var fields in new[] { new[] { ("wm-form", token), (honeypot, "http://spam.invalid") }, [("wm-form", token), ("x-answer", "zorblat")], [("phrase", "quenmix")] })
        {
            var (status, body) = await Post(fields);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("This form could not be accepted", body, StringComparison.Ordinal);
            Assert.False(HtmlPage.Parse(body).Has(".words")); // no phrase was made
        }

        Assert.Equal((0L, 0L, 0L), await StoredAsync());
        var (saved, savedPage) = await Post(("wm-form", token));
        Assert.Equal(HttpStatusCode.OK, saved);
        Assert.True(HtmlPage.Parse(savedPage).Has(".words"));
        Assert.Equal((0L, 0L, 1L), await StoredAsync());
    }

    private static string StateOf(string html) =>
        WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"f[0-9a-f]{12}-state\" value=\"([^\"]*)\"").Groups[1].Value);
}
