using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Waymark.Testing;

namespace Waymark.Web.Tests.Surveys;

/// <summary>
/// A respondent without a browser: plain GETs and form POSTs carrying the hidden state field, as
/// a browser without JavaScript sends them. Used by the load, crash and multi-node tests.
/// </summary>
internal sealed partial class HttpRespondent(HttpClient http, Uri baseUrl, string instrument, string language = "en")
{
    private string _html = string.Empty;
    private IDocument? _page;

    public string Html
    {
        get => _html;
        private set
        {
            _html = value;
            _page = null;
        }
    }

    /// <summary>The last page read, parsed (once) as a browser parses it.</summary>
    private IDocument Page => _page ??= HtmlPage.Parse(Html);

    public HttpStatusCode Status { get; private set; }

    /// <summary>The survey's hidden state field as the page holds it.</summary>
    public string State => ValueOf(Page, RenderedName(Page, "state")) ?? string.Empty;

    /// <summary>The FormGuard token of the page's first form.</summary>
    public string FormToken => GuardToken(Page);

    /// <summary>The token of a page's first guarded form (empty when it has none).</summary>
    public static string GuardToken(string html) => GuardToken(HtmlPage.Parse(html));

    public static string GuardToken(IParentNode page) => ValueOf(page, "wm-form") ?? string.Empty;

    /// <summary>
    /// The name the page gave the logical field <paramref name="field"/> (FormGuard rotates names with
    /// every rendering), or <paramref name="field"/> itself when the page has no such field.
    /// </summary>
    public static string RenderedName(string html, string field) => RenderedName(HtmlPage.Parse(html), field);

    public static string RenderedName(IParentNode page, string field) =>
        page.QuerySelectorAll("[name]").Select(element => element.GetAttribute("name")!)
            .FirstOrDefault(name => name.EndsWith("-" + field, StringComparison.Ordinal) && GuardPrefix().IsMatch(name[..^(field.Length + 1)]))
        ?? field;

    /// <summary>The value of the first field named <paramref name="name"/>, or null when the page has none.</summary>
    private static string? ValueOf(IParentNode page, string name) =>
        page.QuerySelector($"[name='{name}']")?.GetAttribute("value");

    /// <summary>The page before the last one read (to send a form again, as a browser's back button does).</summary>
    public string Previous { get; private set; } = string.Empty;

    /// <summary>Continues from another respondent object's last page (e.g. one talking to another node).</summary>
    public void TakeOver(HttpRespondent? other)
    {
        if (other is not null)
        {
            Html = other.Html;
            Previous = other.Previous;
        }
    }

    /// <summary>Continues from a page's HTML.</summary>
    public void TakeOver(string html) => Html = html;

    public bool IsComplete => Page.Has("[role=status]");

    public async Task OpenAsync()
    {
        using var response = await http.GetAsync(new Uri(baseUrl, $"/{language}/s/{instrument}"));
        await ReadAsync(response);
    }

    /// <summary>Posts the current state with <paramref name="action"/> and the given answers.</summary>
    public async Task PostAsync(string action, params (string Name, string Value)[] answers)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("wm-form", FormToken), new(RenderedName(Page, "state"), State), new(RenderedName(Page, "nav"), action),
        };
        fields.AddRange(answers.Select(a => new KeyValuePair<string, string>(RenderedName(Page, a.Name), a.Value)));
        using var content = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(new Uri(baseUrl, $"/{language}/s/{instrument}"), content);
        await ReadAsync(response);
    }

    /// <summary>Answers the flow-test form from start to finish; returns when the thank-you page is read.</summary>
    public async Task CompleteFlowTestAsync(int age, string why)
    {
        await OpenAsync();
        await PostAsync("start");
        await PostAsync("next", ("age", age.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("helped", "no"));
        await PostAsync("next", ("f1", "often"), ("f2", "sometimes"), ("f3", "never"), ("check", "blue"));
        await PostAsync("next", ("why", why));
    }

    private async Task ReadAsync(HttpResponseMessage response)
    {
        Status = response.StatusCode;
        Previous = Html;
        Html = await response.Content.ReadAsStringAsync();
    }

    /// <summary>What FormGuard puts before a field's name: "f" and twelve hex digits.</summary>
    [GeneratedRegex("^f[0-9a-f]{12}$")]
    private static partial Regex GuardPrefix();
}
