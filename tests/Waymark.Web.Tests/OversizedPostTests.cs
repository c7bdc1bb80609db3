using System.Net.Sockets;
using System.Text;
using Waymark.Testing;

namespace Waymark.Web.Tests;

/// <summary>
/// Oversized and many-field posts to public pages are the client's fault: 413 or 400 with a page in
/// the language of the URL, never a 500, and the server's log gets no stack trace for them.
/// </summary>
public sealed class OversizedPostTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ServerProcess _server = fixture.Server;

    /// <summary>Sends raw bytes (the server may answer before it has read them all) and reads the whole answer.</summary>
    private async Task<(int Status, string Text)> PostAsync(string path, string body)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _server.PublicPort);
        var stream = client.GetStream();
        var bytes = Encoding.ASCII.GetBytes(body);
        var head = $"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(bytes);
        }
        catch (IOException)
        {
            // Refused before the whole body was read: the answer is still there to read.
        }

        using var answer = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await stream.CopyToAsync(answer, timeout.Token);
        }
        catch (IOException)
        {
            // The server closes a connection whose body it did not read; what came before is the answer.
        }

        var text = Encoding.UTF8.GetString(answer.ToArray());
        Assert.StartsWith("HTTP/1.1 ", text, StringComparison.Ordinal);
        return (int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture), text);
    }

    private static string Oversized() => "phrase=" + new string('x', 2 * 1024 * 1024);

    private static string ManyFields() => string.Join('&', Enumerable.Range(0, 3000).Select(i => $"f{i}=1"));

    [Theory]
    [InlineData("/de/help", "guarded")]
    [InlineData("/de/help/delete", "guarded")]
    [InlineData("/de/privacy", "plain")]
    [InlineData("/de/", "plain")]
    public async Task Oversized_and_many_field_posts_get_a_4xx_page_in_the_urls_language_and_no_stack_trace(string path, string kind)
    {
        var (tooLarge, largeText) = await PostAsync(path, Oversized());
        var (tooMany, manyText) = await PostAsync(path, ManyFields());
        // A guarded form reads its body and says 413; a page without a form refuses the post unread (its anti-forgery check): 400.
        Assert.True(tooLarge == 413 || (kind == "plain" && tooLarge == 400), $"{path} ({kind}), 2 MiB: {tooLarge}");
        Assert.True(tooMany == 400, $"{path} ({kind}), 3000 fields: {tooMany}");
        foreach (var text in new[] { largeText, manyText })
        {
            Assert.Equal("de", HtmlPage.Parse(text).DocumentElement.GetAttribute("lang")); // the refusal is a page in the reader's language
            Assert.Contains("Content-Security-Policy: default-src 'none'", text, StringComparison.Ordinal);
        }

        using var http = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri(_server.PublicUrl, "/en/privacy"))).StatusCode);
        await Task.Delay(500); // the log is written asynchronously
        var log = _server.Output;
        Assert.DoesNotContain("Exception", log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
    }
}
