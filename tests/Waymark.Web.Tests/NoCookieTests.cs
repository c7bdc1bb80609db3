using System.Net;
using System.Text.RegularExpressions;
using Waymark.Testing;
using Waymark.Web.Localization;
using Waymark.Web.Tests.Surveys;

namespace Waymark.Web.Tests;

/// <summary>
/// The public site sets no cookie at all: every page in every language, every public form posted as
/// it is rendered, and the whole self-help (save under a new phrase, resume, save again, delete) and
/// survey flows, with no <c>Set-Cookie</c> on any response.
/// </summary>
public sealed partial class NoCookieTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("NoCookieTests");

    public void Dispose() => _temp.Dispose();

    private const int MaxPages = 4000;

    [Fact]
    public async Task No_public_response_in_any_language_or_form_flow_sets_a_cookie()
    {
        await using var server = await ServerProcess.StartAsync(SurveyTestForms.Environment(SurveyTestForms.NewFolder(_temp)));
        var recorder = new SetCookieRecorder(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var http = new HttpClient(recorder) { BaseAddress = server.PublicUrl };

        var pages = await CrawlAsync(http, server.PublicUrl);
        Assert.True(pages.Count > Languages.All.Count * 10, $"the crawl reached only {pages.Count} pages");
        Assert.True(recorder.Posts > Languages.All.Count, $"the crawl posted only {recorder.Posts} forms");

        await SelfHelpFlowAsync(http);
        var respondent = new HttpRespondent(http, server.PublicUrl, SurveyTestForms.FlowTest);
        await respondent.CompleteFlowTestAsync(30, "zorblat");
        Assert.True(respondent.IsComplete, "the survey was completed");

        Assert.True(recorder.SetCookies.IsEmpty, "Set-Cookie on public responses:\n" + string.Join('\n', recorder.SetCookies));
    }

    /// <summary>Every same-site link from the root and each language's home page; every POST form found is sent once as rendered.</summary>
    private static async Task<HashSet<string>> CrawlAsync(HttpClient http, Uri root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(["/", .. Languages.All.Select(language => $"/{language.Code}/")]);
        while (queue.Count > 0 && seen.Count < MaxPages)
        {
            var path = queue.Dequeue();
            if (!seen.Add(path))
            {
                continue;
            }

            using var response = await http.GetAsync(path);
            if (response.Headers.Location is { } location)
            {
                queue.Enqueue(new Uri(root, location).PathAndQuery);
                continue;
            }

            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            foreach (Match link in Href().Matches(html))
            {
                var target = WebUtility.HtmlDecode(link.Groups[1].Value).Split('#')[0];
                if (target.StartsWith('/') && !target.StartsWith("//", StringComparison.Ordinal) && !target.StartsWith("/css/", StringComparison.Ordinal))
                {
                    queue.Enqueue(target);
                }
            }

            foreach (Match form in PostForm().Matches(html))
            {
                using var content = new FormUrlEncodedContent(FieldsOf(form.Value));
                using var _ = await http.PostAsync(WebUtility.HtmlDecode(form.Groups[1].Value), content);
            }
        }

        return seen;
    }

    /// <summary>Save a module under a new phrase, resume from it, save again with the token, delete.</summary>
    private static async Task SelfHelpFlowAsync(HttpClient http)
    {
        var overview = await http.GetStringAsync("/en/help");
        var module = ModuleLink().Match(overview).Groups[1].Value;
        var page = await http.GetStringAsync(module);
        var save = PostForm().Matches(page).Single(form => form.Value.Contains("handler=SaveNewPhrase", StringComparison.Ordinal));
        var saved = await PostAsync(http, module + "?handler=SaveNewPhrase", FieldsOf(save.Value));
        var phrase = NewPhrase().Match(saved).Groups[1].Value;
        Assert.Equal(7, phrase.Split(' ').Length);

        var resumeForm = PostForm().Matches(await http.GetStringAsync("/en/help")).Single(form => form.Value.Contains("handler=Resume", StringComparison.Ordinal));
        var resumed = await PostAsync(http, "/en/help?handler=Resume", WithPhrase(FieldsOf(resumeForm.Value), phrase));
        Assert.True(HtmlPage.Parse(resumed).Has(".done"), "the resumed progress shows the module done");

        var open = PostForm().Matches(resumed).First(form => form.Value.Contains("handler=Open", StringComparison.Ordinal));
        var opened = await PostAsync(http, WebUtility.HtmlDecode(open.Groups[1].Value), FieldsOf(open.Value));
        var again = PostForm().Matches(opened).Single(form => form.Value.Contains("handler=Save", StringComparison.Ordinal));
        var savedAgain = await PostAsync(http, WebUtility.HtmlDecode(again.Groups[1].Value), FieldsOf(again.Value));
        Assert.False(HtmlPage.Parse(savedAgain).Has(".problem"));

        var deleteForm = PostForm().Matches(await http.GetStringAsync("/en/help/delete")).Single();
        var deleted = await PostAsync(http, "/en/help/delete", WithPhrase(FieldsOf(deleteForm.Value), phrase));
        Assert.True(HtmlPage.Parse(deleted).Has(".outcome"));
    }

    private static async Task<string> PostAsync(HttpClient http, string action, List<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(action, content);
        return await response.Content.ReadAsStringAsync();
    }

    private static List<KeyValuePair<string, string>> WithPhrase(List<KeyValuePair<string, string>> fields, string phrase) =>
        [.. fields.Where(field => !field.Key.EndsWith("-phrase", StringComparison.Ordinal)), .. fields.Where(field => field.Key.EndsWith("-phrase", StringComparison.Ordinal)).Select(field => new KeyValuePair<string, string>(field.Key, phrase))];

    /// <summary>The fields a browser sends for a form as rendered: hidden values, one choice per radio or checkbox group, "yes" where a checkbox means consent.</summary>
    private static List<KeyValuePair<string, string>> FieldsOf(string form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match input in InputTag().Matches(form))
        {
            var tag = input.Value;
            var name = Attribute(tag, "name");
            var type = Attribute(tag, "type");
            if (name.Length == 0 || name.EndsWith("-contact_email", StringComparison.Ordinal) || type is "submit")
            {
                continue;
            }

            if (type is "radio" or "checkbox")
            {
                if (groups.Add(name))
                {
                    fields.Add(new(name, Attribute(tag, "value") is { Length: > 0 } value ? value : "yes"));
                }

                continue;
            }

            fields.Add(new(name, type == "hidden" ? Attribute(tag, "value") : ""));
        }

        foreach (Match textarea in TextareaName().Matches(form))
        {
            fields.Add(new(textarea.Groups[1].Value, "zorblat"));
        }

        return fields;
    }

    private static string Attribute(string tag, string name) =>
        Regex.Match(tag, "\\s" + name + "=\"([^\"]*)\"") is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : "";

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();

    [GeneratedRegex("<form[^>]*method=\"post\"[^>]*action=\"([^\"]*)\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex PostForm();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("<textarea[^>]*name=\"([^\"]*)\"")]
    private static partial Regex TextareaName();

    [GeneratedRegex("href=\"(/en/help/[a-z0-9-]+)\"")]
    private static partial Regex ModuleLink();

    [GeneratedRegex("class=\"words\"[^>]*><strong>([a-z ]+)</strong>")]
    private static partial Regex NewPhrase();

    /// <summary>Records every Set-Cookie header and counts POSTs.</summary>
    private sealed class SetCookieRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public System.Collections.Concurrent.ConcurrentBag<string> SetCookies { get; } = [];

        public int Posts { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post)
            {
                Posts++;
            }

            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    SetCookies.Add($"{request.Method} {request.RequestUri?.PathAndQuery}: {value}");
                }
            }

            return response;
        }
    }
}
