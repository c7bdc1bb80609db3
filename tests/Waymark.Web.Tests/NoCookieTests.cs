using System.Text.RegularExpressions;
using AngleSharp.Dom;
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

            var page = HtmlPage.Parse(await response.Content.ReadAsStringAsync());
            foreach (var link in page.QuerySelectorAll("[href]"))
            {
                var target = link.GetAttribute("href")!.Split('#')[0];
                if (target.StartsWith('/') && !target.StartsWith("//", StringComparison.Ordinal) && !target.StartsWith("/css/", StringComparison.Ordinal))
                {
                    queue.Enqueue(target);
                }
            }

            foreach (var form in page.QuerySelectorAll("form[method=post][action]"))
            {
                using var content = new FormUrlEncodedContent(FieldsOf(form));
                using var _ = await http.PostAsync(form.GetAttribute("action"), content);
            }
        }

        return seen;
    }

    /// <summary>Save a module under a new phrase, resume from it, save again with the token, delete.</summary>
    private static async Task SelfHelpFlowAsync(HttpClient http)
    {
        var overview = HtmlPage.Parse(await http.GetStringAsync("/en/help"));
        var module = overview.QuerySelectorAll("a[href^='/en/help/']").Select(link => link.GetAttribute("href")!).First(href => ModulePath().IsMatch(href));
        var saved = await ClickAsync(http, HtmlPage.Parse(await http.GetStringAsync(module)), "button[formaction$='handler=SaveNewPhrase']");
        var phrase = saved.Text(".words strong");
        Assert.Equal(7, phrase.Split(' ').Length);

        var resumeForm = HtmlPage.Parse(await http.GetStringAsync("/en/help")).One("form[action$='handler=Resume']");
        var resumed = await PostAsync(http, resumeForm.GetAttribute("action")!, WithPhrase(FieldsOf(resumeForm), phrase));
        Assert.True(resumed.Has(".done"), "the resumed progress shows the module done");

        var opened = await ClickAsync(http, resumed, "form[action$='handler=Open']");
        var savedAgain = await ClickAsync(http, opened, "form[action$='handler=Save']");
        Assert.False(savedAgain.Has(".problem"));

        var deleteForm = HtmlPage.Parse(await http.GetStringAsync("/en/help/delete")).One("form[method=post]");
        var deleted = await PostAsync(http, deleteForm.GetAttribute("action")!, WithPhrase(FieldsOf(deleteForm), phrase));
        Assert.True(deleted.Has(".outcome"));
    }

    /// <summary>
    /// Sends the form <paramref name="selector"/> finds as a browser does when it is submitted: a form is posted to its
    /// action, a button to its <c>formaction</c> with the fields of the form it belongs to.
    /// </summary>
    private static Task<IDocument> ClickAsync(HttpClient http, IDocument page, string selector)
    {
        var element = page.One(selector);
        var form = element.LocalName == "form" ? element : element.Closest("form")!;
        return PostAsync(http, element.GetAttribute(element.LocalName == "form" ? "action" : "formaction")!, FieldsOf(form));
    }

    private static async Task<IDocument> PostAsync(HttpClient http, string action, List<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(action, content);
        return HtmlPage.Parse(await response.Content.ReadAsStringAsync());
    }

    private static List<KeyValuePair<string, string>> WithPhrase(List<KeyValuePair<string, string>> fields, string phrase) =>
        [.. fields.Where(field => !field.Key.EndsWith("-phrase", StringComparison.Ordinal)), .. fields.Where(field => field.Key.EndsWith("-phrase", StringComparison.Ordinal)).Select(field => new KeyValuePair<string, string>(field.Key, phrase))];

    /// <summary>
    /// The fields a browser sends for a form as rendered, with a person's answers: hidden values as they are, the first
    /// choice of each radio or checkbox group ("yes" where a checkbox has no value: consent), the first option of a
    /// list, a placeholder word in a text area, other fields empty; the trap field for robots left as it is.
    /// </summary>
    private static List<KeyValuePair<string, string>> FieldsOf(IElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = field.GetAttribute("name")!;
            var type = field.GetAttribute("type");
            var value = (field.LocalName, type) switch
            {
                ("input", "submit") => null,
                ("input", "radio" or "checkbox") => groups.Add(name) ? (field.GetAttribute("value") is { Length: > 0 } given ? given : "yes") : null,
                ("input", "hidden") => field.GetAttribute("value") ?? "",
                ("textarea", _) => "zorblat",
                ("select", _) => field.QuerySelector("option")?.GetAttribute("value") ?? "",
                _ => "",
            };
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        return fields;
    }

    [GeneratedRegex("^/en/help/[a-z0-9-]+$")]
    private static partial Regex ModulePath();

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
