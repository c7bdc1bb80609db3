using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace Waymark.Testing;

/// <summary>
/// The checks every public page must pass, shared by all page tests: strict headers, no script,
/// no external URL, the Nu HTML Checker without errors and axe-core without violations.
/// One instance per test class (xunit class fixture) with its own Chromium (Debian's, JavaScript
/// disabled for browsing); the Nu HTML Checker (a JVM) and the Playwright driver are started once per
/// test process and shared by every instance (<see cref="SharedTools"/>): a JVM per class cost each class
/// seconds of start-up and a cold, slow first minute on a 2-core machine.
/// </summary>
public sealed partial class PageChecker : IAsyncLifetime
{
    /// <summary>
    /// Debian's Chromium headless shell (package chromium-headless-shell): the same Blink as the full browser without its
    /// browser shell, at about half the CPU per page check (docs/development.md, "What the whole run spends its time on").
    /// </summary>
    public const string ChromiumPath = "/usr/bin/chromium-headless-shell";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ];

    private const string RunAxe = """
        async () => {
            const r = await axe.run(document, { runOnly: { type: 'tag',
                values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa','best-practice'] } });
            return JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')) })));
        }
        """;

    private SharedTools _tools = null!;
    private ReplayPage _audit = null!;
    private ReplayPage _narrowScreen = null!;

    private HttpClient Http => _tools.Http;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The headers (name, exact value) every public response carries.</summary>
    public static IReadOnlyDictionary<string, string> RequiredHeaders { get; } = new Dictionary<string, string>
    {
        ["Content-Security-Policy"] = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ["Referrer-Policy"] = "no-referrer",
        ["X-Content-Type-Options"] = "nosniff",
        ["X-Frame-Options"] = "DENY",
        ["Cross-Origin-Opener-Policy"] = "same-origin",
        ["Cross-Origin-Resource-Policy"] = "same-origin",
    };

    public async Task InitializeAsync()
    {
        _tools = await SharedTools.GetAsync().ConfigureAwait(false);
        Browser = await _tools.Playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs }).ConfigureAwait(false);
        _audit = new ReplayPage(async () =>
        {
            var context = await Browser.NewContextAsync(new() { JavaScriptEnabled = true, BypassCSP = true }).ConfigureAwait(false);
            await context.AddInitScriptAsync(_tools.AxeSource).ConfigureAwait(false);
            return context;
        });
        _narrowScreen = new ReplayPage(() => Browser.NewContextAsync(new() { JavaScriptEnabled = true, BypassCSP = true, ViewportSize = new() { Width = NarrowScreen, Height = 740 } }));
    }

    /// <summary>A browser context as Tor Browser's Safest mode has it: no JavaScript.</summary>
    public Task<IBrowserContext> NewNoScriptContextAsync() =>
        Browser.NewContextAsync(new() { JavaScriptEnabled = false });

    /// <summary>Every check on a page reached by GET; returns the problems, empty when clean.</summary>
    public async Task<IReadOnlyList<string>> CheckUrlAsync(Uri url)
    {
        using var response = await Http.GetAsync(url).ConfigureAwait(false);
        var html = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var problems = new List<string>();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            problems.Add($"status {(int)response.StatusCode}");
        }

        problems.AddRange(CheckHeaders(response));
        problems.AddRange(await CheckHtmlAsync(url, html).ConfigureAwait(false));
        return problems.Select(p => $"{url}: {p}").ToList();
    }

    /// <summary>Fails with every problem listed, one a line.</summary>
    public static void AssertClean(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, "Page problems:\n" + string.Join("\n", list));
    }

    /// <summary>The header checks alone (any response, including errors and redirects).</summary>
    public static IEnumerable<string> CheckHeaders(HttpResponseMessage response)
    {
        foreach (var (name, expected) in RequiredHeaders)
        {
            var actual = response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
            if (actual != expected)
            {
                yield return $"header {name} is '{actual}', expected '{expected}'";
            }
        }

        if (response.Headers.TryGetValues("Permissions-Policy", out var policy) == false || !string.Join("", policy).Contains("camera=()", StringComparison.Ordinal))
        {
            yield return "Permissions-Policy missing or does not turn features off";
        }

        if (response.Headers.Contains("Server"))
        {
            yield return "a Server header is sent";
        }

        var isStatic = response.Content.Headers.ContentType?.MediaType == "text/css";
        if (!isStatic && response.Headers.CacheControl?.NoStore != true)
        {
            yield return "Cache-Control: no-store is missing on a dynamic response";
        }
    }

    /// <summary>Checks a page's HTML, however it was reached (GET or the result of a form POST).</summary>
    public async Task<IReadOnlyList<string>> CheckHtmlAsync(Uri url, string html)
    {
        var problems = new List<string>();
        if (ScriptTag().IsMatch(html))
        {
            problems.Add("contains a <script> element");
        }

        if (InlineHandler().Match(html) is { Success: true } handler)
        {
            problems.Add($"contains an inline event handler: {handler.Value}");
        }

        foreach (Match external in ExternalUrl().Matches(html))
        {
            problems.Add($"refers to an external URL: {external.Value}");
        }

        // The Nu HTML Checker (another process) and axe-core (Chromium) work at the same time.
        var validation = ValidateHtmlAsync(html);
        var audit = AuditAccessibilityAsync(url, html);
        problems.AddRange(await validation.ConfigureAwait(false));
        problems.AddRange(await audit.ConfigureAwait(false));
        return problems;
    }

    private async Task<IEnumerable<string>> ValidateHtmlAsync(string html)
    {
        using var content = new StringContent(html, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/html") { CharSet = "utf-8" };
        using var response = await Http.PostAsync(_tools.VnuUrl, content).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!body.StartsWith('{'))
        {
            return [$"Nu HTML Checker did not answer with JSON (status {(int)response.StatusCode}): {body[..Math.Min(body.Length, 300)]}"];
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() is "error" or "non-document-error")
            .Select(m => $"Nu HTML Checker: {m.GetProperty("message").GetString()} (line {(m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0)})")
            .ToList();
    }

    /// <summary>The narrow phone screen every public page must fit, in CSS pixels.</summary>
    public const int NarrowScreen = 360;

    /// <summary>
    /// Whether a page fits a <see cref="NarrowScreen"/> px wide screen without scrolling sideways: its HTML (however it
    /// was reached) is replayed under its own URL, with the site's stylesheet, and the document's width measured.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckNarrowScreenAsync(Uri url, string html)
    {
        ArgumentNullException.ThrowIfNull(url);
        var width = await _narrowScreen.MeasureAsync(url, html, page => page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ConfigureAwait(false);
        return width > NarrowScreen ? [$"{url}: {width} px wide on a {NarrowScreen} px screen"] : [];
    }

    /// <summary>axe-core needs JavaScript: the page's HTML is replayed under its own URL in a JS-enabled context that loads axe-core into every document.</summary>
    private async Task<IEnumerable<string>> AuditAccessibilityAsync(Uri url, string html)
    {
        var result = await _audit.MeasureAsync(url, html, page => page.EvaluateAsync<string>(RunAxe)).ConfigureAwait(false);
        using var json = JsonDocument.Parse(result);
        return json.RootElement.EnumerateArray()
            .Select(v => $"axe {v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} at {string.Join("; ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")
            .ToList();
    }

    /// <summary>Closes this class's Chromium; the shared checker and driver live until the test process exits.</summary>
    public async Task DisposeAsync()
    {
        if (_audit is not null)
        {
            await _audit.DisposeAsync().ConfigureAwait(false);
            await _narrowScreen.DisposeAsync().ConfigureAwait(false);
        }

        if (Browser is not null)
        {
            await Browser.DisposeAsync().ConfigureAwait(false);
        }
    }

    [GeneratedRegex("<script", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex(@"(?:src|href|action|srcset|poster|data)\s*=\s*[""']?\s*(?:https?:)?//[^""'\s>]+", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();
}
