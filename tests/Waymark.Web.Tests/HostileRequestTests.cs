using System.Net.Sockets;
using System.Text;
using Waymark.Testing;

namespace Waymark.Web.Tests;

/// <summary>Malformed and hostile requests get a clear 4xx, never a 5xx, and the node keeps serving.</summary>
public sealed class HostileRequestTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ServerProcess _server = fixture.Server;

    /// <summary>Sends raw bytes, so that nothing on the client side cleans the request up first.</summary>
    private async Task<int> RawStatusAsync(byte[] request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _server.PublicPort);
        var stream = client.GetStream();
        await stream.WriteAsync(request);
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer);
        var statusLine = Encoding.ASCII.GetString(buffer, 0, read);
        Assert.StartsWith("HTTP/1.1 ", statusLine, StringComparison.Ordinal);
        return int.Parse(statusLine.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Get(string target, string extraHeaders = "") =>
        Encoding.Latin1.GetBytes($"GET {target} HTTP/1.1\r\nHost: x\r\n{extraHeaders}Connection: close\r\n\r\n");

    public static TheoryData<string, string> Requests => new()
    {
        { "invalid UTF-8 in the path", "/%ff%fe/privacy" },
        { "invalid UTF-8 in the query", "/en/privacy?q=%ff%c3%28" },
        { "path traversal", "/css/../../../etc/passwd" },
        { "encoded traversal", "/%2e%2e/%2e%2e/etc/passwd" },
        { "an unknown language", "/xx-evil/privacy" },
        { "a control character", "/en/%00privacy" },
        { "an overlong URL", "/en/privacy?q=" + new string('a', 20_000) },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_hostile_request_gets_a_4xx_and_the_node_keeps_serving(string what, string target)
    {
        var status = await RawStatusAsync(Get(target));
        Assert.True(status is >= 400 and < 500 or 200, $"{what}: status {status}");
        Assert.Equal(200, await RawStatusAsync(Get("/en/privacy")));
    }

    [Fact]
    public async Task Oversized_headers_are_refused()
    {
        var status = await RawStatusAsync(Get("/en/", $"X-Big: {new string('b', 40_000)}\r\n"));
        Assert.Equal(431, status);
        Assert.Equal(200, await RawStatusAsync(Get("/en/privacy")));
    }

    /// <summary>
    /// Requests Kestrel refuses by itself, before any middleware: its answers carry the same privacy
    /// baseline as every other answer, no Server header, and a JSON reason instead of an empty body.
    /// </summary>
    public static TheoryData<string, int, string> KestrelRejections => new()
    {
        { "a malformed request line", 400, "GET /en/ HTTP/1.1 extra\r\nHost: x\r\n\r\n" },
        { "a header line without a colon", 400, "GET /en/ HTTP/1.1\r\nHost: x\r\nX-No-Colon\r\n\r\n" },
        { "a request line over the limit", 414, "GET /en/privacy?q=" + new string('a', 20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n" },
        { "headers over the limit", 431, "GET /en/ HTTP/1.1\r\nHost: x\r\nX-Big: " + new string('b', 40_000) + "\r\n\r\n" },
    };

    [Theory]
    [MemberData(nameof(KestrelRejections))]
    public async Task Kestrels_own_refusals_carry_the_privacy_headers(string what, int expected, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _server.PublicPort);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var answer = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await stream.CopyToAsync(answer, timeout.Token); // Kestrel closes the connection after a refusal
        var text = Encoding.ASCII.GetString(answer.ToArray());
        Assert.True(text.StartsWith($"HTTP/1.1 {expected} ", StringComparison.Ordinal), $"{what}: {text}");
        foreach (var line in new[]
        {
            "Content-Security-Policy: " + Waymark.Web.Privacy.PrivacyHeaders.ContentSecurityPolicy,
            "Referrer-Policy: no-referrer",
            "X-Content-Type-Options: nosniff",
            "X-Frame-Options: DENY",
            "Cache-Control: no-store",
        })
        {
            Assert.Contains("\r\n" + line + "\r\n", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\r\nServer:", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\r\nContent-Type: application/json; charset=utf-8\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Content-Length: 0\r\n", text, StringComparison.Ordinal);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        var length = int.Parse(text.Split("\r\nContent-Length: ")[1].Split("\r\n")[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(length, text.Length - end);
        using var reason = System.Text.Json.JsonDocument.Parse(text[end..]);
        Assert.False(string.IsNullOrEmpty(reason.RootElement.GetProperty("error").GetString()));
        Assert.Equal(200, await RawStatusAsync(Get("/en/privacy")));
    }
}
