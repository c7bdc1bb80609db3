using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Web.Tests;

/// <summary>
/// A real node with an operator listener (<c>--operator</c>) and a link base: the screening API answers there
/// (GET, POST form, POST JSON, batch, shown) and not on the public listener; every refusal is JSON.
/// </summary>
public sealed class ScreeningOperatorTests(ScreeningOperatorTests.Node node, PageChecker checker) : IClassFixture<ScreeningOperatorTests.Node>, IClassFixture<PageChecker>
{

    /// <summary>One node for the class: placeholder terms, an operator listener on a loopback port, the link base set to its public address.</summary>
    public sealed class Node : IAsyncLifetime
    {
        private readonly TempFolder _temp = TempFolder.Create("operator-node");

        public ServerProcess Server { get; private set; } = null!;

        public Uri OperatorUrl { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var port = TestEnvironment.FreePort();
            OperatorUrl = new Uri($"http://127.0.0.1:{port}");
            Server = await ServerProcess.StartAsync(
                new Dictionary<string, string>
                {
                    ["WAYMARK_SCREENING_TERMS"] = await PlaceholderTermsAsync(_temp),
                    ["WAYMARK_SCREENING_LINK_BASE"] = ServerProcess.PublicUrlToken,
                    ["Logging__LogLevel__Default"] = "Trace",
                    ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
                },
                operatorEndpoint: $"127.0.0.1:{port}");
        }

        public async Task DisposeAsync()
        {
            await Server.DisposeAsync();
            _temp.Dispose();
        }

        /// <summary>The link base the node was started with: its public address, as a search engine's users would reach it.</summary>
        public string LinkBase => $"http://127.0.0.1:{Server.PublicPort}";
    }

    private string LinkBase => node.LinkBase;

    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    internal static async Task<string> PlaceholderTermsAsync(TempFolder owner)
    {
        var terms = Path.Combine(owner.NewFolder("terms"), "placeholder.tsv");
        await File.WriteAllTextAsync(terms, "zorblat\t*\ttoken\tcsam\ttest\nvrel dapto\t*\tphrase\tcsam\ttest\n");
        return terms;
    }

    private Uri Operator(string path) => new(node.OperatorUrl, path);

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> JsonOfAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task The_public_listener_does_not_answer_the_api_once_an_operator_listener_is_set()
    {
        using var get = await _http.GetAsync(new Uri(node.Server.PublicUrl, "/api/screen?q=zorblat&lang=en"));
        var error = await JsonOfAsync(get, HttpStatusCode.NotFound);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
        using var post = await _http.PostAsync(new Uri(node.Server.PublicUrl, "/api/screen"), Form(("q", "zorblat")));
        await JsonOfAsync(post, HttpStatusCode.NotFound);
        using var batch = await _http.PostAsync(new Uri(node.Server.PublicUrl, "/api/screen/batch"), Json("""{"q":["zorblat"]}"""));
        await JsonOfAsync(batch, HttpStatusCode.NotFound);

        // The public site itself is unchanged, and the operator listener serves the API, not the site.
        using var home = await _http.GetAsync(new Uri(node.Server.PublicUrl, "/en/"));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        using var site = await _http.GetAsync(Operator("/en/"));
        Assert.Equal(HttpStatusCode.NotFound, site.StatusCode);
        using var console = await _http.GetAsync(Operator("/console/login"));
        Assert.Equal(HttpStatusCode.NotFound, console.StatusCode);
        using var answer = await _http.GetAsync(Operator("/api/screen?q=zorblat&lang=en"));
        Assert.True((await JsonOfAsync(answer, HttpStatusCode.OK)).GetProperty("matched").GetBoolean());
    }

    [Theory]
    [InlineData("form")]
    [InlineData("json")]
    public async Task A_query_posted_in_the_body_gets_the_answer_with_a_ready_absolute_warning_url(string encoding)
    {
        using var response = await _http.PostAsync(Operator("/api/screen"), encoding == "form"
            ? Form(("q", "new zor-blat 2025"), ("lang", "fi"))
            : Json("""{"q":"new zor-blat 2025","lang":"fi"}"""));
        var root = await JsonOfAsync(response, HttpStatusCode.OK);
        Assert.True(root.GetProperty("matched").GetBoolean());
        var variant = root.GetProperty("variant").GetString();
        Assert.Equal("fi", root.GetProperty("page_language").GetString());
        Assert.Equal($"{LinkBase}/fi/warning?v={variant}", root.GetProperty("warning_url").GetString());
        Assert.All(root.GetProperty("links").EnumerateArray(), l => Assert.StartsWith(LinkBase + "/go/", l.GetProperty("url").GetString(), StringComparison.Ordinal));

        // The URL is the page: it answers in that language with that variant.
        using var page = await _http.GetAsync(new Uri(node.Server.PublicUrl, new Uri(root.GetProperty("warning_url").GetString()!).PathAndQuery));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(HtmlPage.Parse(await page.Content.ReadAsStringAsync()).Has($"section.warning a[href='{LinkBase}/go/selfhelp?v={variant}&lang=fi']"));
    }

    [Fact]
    public async Task An_invalid_escape_in_a_form_body_is_read_as_a_replacement_character_as_in_the_query_string()
    {
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes("q=%ffzorblat&lang=en"));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var response = await _http.PostAsync(Operator("/api/screen"), content);
        Assert.True((await JsonOfAsync(response, HttpStatusCode.OK)).GetProperty("matched").GetBoolean());
    }

    [Theory]
    [InlineData("en-us", "en")]
    [InlineData("pt-br", "pt")]
    [InlineData("pt_BR", "pt")]
    [InlineData("zh-hans", "zh-hans")]
    [InlineData("zh-TW", "zh-hant")]
    [InlineData("xx", "en")]
    public async Task A_search_engines_language_code_is_read_as_the_language_shown(string code, string shown)
    {
        using var response = await _http.PostAsync(Operator("/api/screen"), Form(("q", "zorblat"), ("lang", code)));
        var root = await JsonOfAsync(response, HttpStatusCode.OK);
        Assert.Equal(shown, root.GetProperty("page_language").GetString());
        Assert.StartsWith($"{LinkBase}/{shown}/warning?v=", root.GetProperty("warning_url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_batch_screens_many_strings_in_order_with_one_call()
    {
        string[] titles = ["Weather in Helsinki", "zor_blat collection", "vrel-dapto", "vrel and dapto", "Z0RBLAT"];
        using var json = await _http.PostAsync(Operator("/api/screen/batch"), Json(JsonSerializer.Serialize(new { q = titles, lang = "en" })));
        var results = (await JsonOfAsync(json, HttpStatusCode.OK)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([false, true, true, false, true], results.Select(r => r.GetProperty("matched").GetBoolean()));
        Assert.Equal("csam", results[1].GetProperty("category").GetString());
        Assert.Equal(JsonValueKind.Null, results[0].GetProperty("category").ValueKind);

        // A form with q repeated gives the same answers.
        using var form = await _http.PostAsync(Operator("/api/screen/batch"), Form([.. titles.Select(t => ("q", t))]));
        var fromForm = (await JsonOfAsync(form, HttpStatusCode.OK)).GetProperty("results").EnumerateArray();
        Assert.Equal([false, true, true, false, true], fromForm.Select(r => r.GetProperty("matched").GetBoolean()));
    }

    public static TheoryData<string, string, string, HttpStatusCode> Refusals => new()
    {
        { "/api/screen", "application/json", """{"q":"zorblat""", HttpStatusCode.BadRequest }, // broken JSON
        { "/api/screen", "application/json", """["zorblat"]""", HttpStatusCode.BadRequest }, // not an object
        { "/api/screen", "application/json", """{"q":{"a":1}}""", HttpStatusCode.BadRequest },
        { "/api/screen", "application/json", """{"q":"\ud800zorblat"}""", HttpStatusCode.BadRequest }, // a lone surrogate
        { "/api/screen", "application/json", """{"q":["a","b"]}""", HttpStatusCode.BadRequest },
        { "/api/screen", "application/x-www-form-urlencoded", "lang=en", HttpStatusCode.BadRequest },
        { "/api/screen", "application/x-www-form-urlencoded", "q=" + new string('a', 1001), HttpStatusCode.BadRequest },
        { "/api/screen", "text/plain", "q=zorblat", HttpStatusCode.UnsupportedMediaType },
        { "/api/screen", "application/x-www-form-urlencoded", "q=" + new string('a', 17_000), HttpStatusCode.RequestEntityTooLarge },
        { "/api/screen/batch", "application/json", JsonSerializer.Serialize(new { q = Enumerable.Repeat("a", 1001) }), HttpStatusCode.BadRequest },
        { "/api/screen/batch", "application/json", JsonSerializer.Serialize(new { q = new[] { "a", new string('b', 1001) } }), HttpStatusCode.BadRequest },
        { "/api/screen/shown", "application/x-www-form-urlencoded", "v=no-such-variant&lang=en", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_malformed_or_oversized_call_gets_a_json_error(string path, string contentType, string body, HttpStatusCode expected)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new(contentType);
        using var response = await _http.PostAsync(Operator(path), content);
        var error = await JsonOfAsync(response, expected);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_gets_a_json_413()
    {
        using var content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes("q=" + new string('a', 40_000))));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, Operator("/api/screen")) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await _http.SendAsync(request);
        await JsonOfAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_long_query_in_the_url_gets_a_json_error_never_a_bare_414()
    {
        // 10 KB: over Kestrel's default request line (8 KiB), within Waymark's: the API's own JSON 400.
        using var long10 = await _http.GetAsync(Operator("/api/screen?q=" + new string('a', 10_000)));
        Assert.Contains("1000", (await JsonOfAsync(long10, HttpStatusCode.BadRequest)).GetProperty("error").GetString(), StringComparison.Ordinal);

        // The longest query (1,000 characters) of three-byte characters, percent-encoded (9,000 bytes), still reaches the API.
        using var longest = await _http.GetAsync(Operator("/api/screen?q=" + Uri.EscapeDataString(new string('\u4e2d', 1000))));
        Assert.False((await JsonOfAsync(longest, HttpStatusCode.OK)).GetProperty("matched").GetBoolean());

        // Beyond the server's request line: Kestrel refuses by itself, and its answer carries a JSON reason.
        var raw = await RawAsync(node.OperatorUrl.Port, "GET /api/screen?q=" + new string('a', 20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 414 ", raw, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: application/json; charset=utf-8\r\n", raw, StringComparison.Ordinal);
        var body = raw[(raw.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        Assert.Contains("POST", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fragment_and_its_stylesheet_are_served_to_the_operator_with_absolute_links()
    {
        var fragment = HtmlPage.Parse(await _http.GetStringAsync(Operator("/en/warning/fragment?v=neutral")));
        Assert.True(fragment.Body!.FirstElementChild!.Matches("section.warning[lang=en]"));
        Assert.True(fragment.Has($"a[href='{LinkBase}/go/selfhelp?v=neutral&lang=en']"));
        // No link is a bare path: on the operator's page it would lead into the operator's own site.
        Assert.DoesNotContain(fragment.QuerySelectorAll("[href]"), link => link.GetAttribute("href")!.StartsWith('/'));

        using var css = await _http.GetAsync(Operator("/css/warning.css"));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        var rules = await css.Content.ReadAsStringAsync();
        Assert.Contains(".warning {", rules, StringComparison.Ordinal);
        Assert.DoesNotContain("body", rules, StringComparison.Ordinal); // nothing outside the fragment is styled

        // The site's own stylesheet holds the same rules, so Waymark's warning page looks as it did.
        Assert.EndsWith(rules, await _http.GetStringAsync(new Uri(node.Server.PublicUrl, "/css/site.css")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fragment_embedded_in_a_page_of_another_origin_is_styled_and_its_links_reach_Waymark()
    {
        // The engine's page (another origin) holds the fragment its back end fetched and the stylesheet copied into
        // a style element; its links go to Waymark's address (the link base), where the browser follows them.
        var fragment = await _http.GetStringAsync(Operator("/en/warning/fragment?v=neutral"));
        var css = await _http.GetStringAsync(Operator("/css/warning.css"));
        var html = $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Results</title><style>{css}</style></head><body><h1>Engine</h1>{fragment}</body></html>";
        await using var context = await checker.NewNoScriptContextAsync();
        await context.RouteAsync("http://engine.test/**", route => route.FulfillAsync(new() { ContentType = "text/html; charset=utf-8", Body = html }));
        var page = await context.NewPageAsync();
        await page.GotoAsync("http://engine.test/search?q=placeholder");
        var border = await page.Locator("section.warning").EvaluateAsync<string>("e => getComputedStyle(e).borderInlineStartWidth");
        Assert.True(double.Parse(border.TrimEnd('p', 'x'), System.Globalization.CultureInfo.InvariantCulture) >= 8, border);
        await page.ClickAsync("section.warning a[href*='/go/selfhelp']");
        Assert.Equal(LinkBase + "/en/help", page.Url);
        Assert.Equal(1, await page.Locator("html[lang='en'] h1").CountAsync()); // Waymark's self-help page, not an error
    }

    [Fact]
    public async Task No_posted_query_reaches_the_log()
    {
        const string Marker = "quenvashoperator4471";
        using (await _http.PostAsync(Operator("/api/screen"), Form(("q", "zorblat " + Marker), ("lang", "en"))))
        using (await _http.PostAsync(Operator("/api/screen/batch"), Json(JsonSerializer.Serialize(new { q = new[] { Marker + " title" } }))))
        {
        }

        Assert.Contains("Now listening", node.Server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, node.Server.Output, StringComparison.Ordinal);
    }

    internal static async Task<string> RawAsync(int port, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var answer = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await stream.CopyToAsync(answer, timeout.Token); // Kestrel closes the connection after a refusal
        return Encoding.UTF8.GetString(answer.ToArray());
    }
}

/// <summary>
/// The operator listener on a Unix socket, with the API kept on the public listener too
/// (<c>WAYMARK_SCREENING_PUBLIC_API=true</c>); "shown" counted when the engine renders the JSON itself.
/// </summary>
public sealed class ScreeningOperatorSocketTests : IAsyncLifetime
{
    private readonly TempFolder _temp = TempFolder.Create("operator-socket");
    private ServerProcess _server = null!;
    private string _socket = null!;

    public async Task InitializeAsync()
    {
        _socket = _temp.File("operator.sock");
        _server = await ServerProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["WAYMARK_SCREENING_TERMS"] = await ScreeningOperatorTests.PlaceholderTermsAsync(_temp),
                ["WAYMARK_SCREENING_PUBLIC_API"] = "true",
            },
            operatorEndpoint: "unix:" + _socket);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _temp.Dispose();
    }

    private HttpClient SocketClient() =>
        new(new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(_socket), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        })
        { BaseAddress = new Uri("http://localhost") };

    [Fact]
    public async Task Both_listeners_answer_when_the_public_api_is_kept_and_shown_is_counted_per_language_and_variant()
    {
        using var http = SocketClient();
        using var fromSocket = await http.PostAsync("/api/screen", new FormUrlEncodedContent([new("q", "zorblat"), new("lang", "pt-br")]));
        using var answer = JsonDocument.Parse(await fromSocket.Content.ReadAsStringAsync());
        Assert.True(answer.RootElement.GetProperty("matched").GetBoolean());
        Assert.Equal("/pt/warning?v=" + answer.RootElement.GetProperty("variant").GetString(), answer.RootElement.GetProperty("warning_url").GetString());
        using var plain = new HttpClient();
        using var fromPublic = await plain.GetAsync(new Uri(_server.PublicUrl, "/api/screen?q=zorblat"));
        Assert.Equal(HttpStatusCode.OK, fromPublic.StatusCode);

        // The engine showed the warning it rendered from the JSON: counted once for pt/neutral, and for nothing else.
        using (var shown = await http.PostAsync("/api/screen/shown", new FormUrlEncodedContent([new("v", "neutral"), new("lang", "pt-BR")])))
        {
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            Assert.Equal("pt/neutral", JsonDocument.Parse(await shown.Content.ReadAsStringAsync()).RootElement.GetProperty("counted").GetString());
        }

        using (var json = await http.PostAsync("/api/screen/shown", new StringContent("""{"v":"neutral","lang":"pt"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        }

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            using var request = new HttpRequestMessage(method, "/api/screen/shown?v=neutral&lang=pt");
            using var refused = await http.SendAsync(request);
            Assert.True(refused.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"{method}: {refused.StatusCode}");
        }

        await _server.StopAsync();
        await using var database = await WaymarkDatabase.OpenAsync(new StorageSettings { DataDirectory = _server.DataDirectory });
        var counters = await database.Counters.ReadByPrefixAsync("screen:shown");
        Assert.Equal(2, Assert.Single(counters).Count);
        Assert.Equal("pt/neutral", counters[0].Dimension);
    }
}
