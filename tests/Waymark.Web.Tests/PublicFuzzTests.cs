using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Waymark.Web.Hosting;
using Waymark.Web.Tests.Console;

namespace Waymark.Web.Tests;

/// <summary>
/// Seeded fuzzing of the public listener: random query strings and form bodies (random bytes,
/// long values, invalid UTF-8, odd percent-encodings, odd content types) on every public route of
/// the endpoint table, sent as raw bytes. No 5xx, no hang, and the node keeps serving.
/// </summary>
public sealed class PublicFuzzTests(InProcessServer server) : IClassFixture<InProcessServer>
{
    private const int Seed = 20261127;
    private const int Requests = 400;

    private static readonly string[] ContentTypes =
    [
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-16",
        "multipart/form-data; boundary=zz", "multipart/form-data", "text/plain", "application/json", "\u00ff/\u00fe", "",
    ];

    private static string RandomText(Random random)
    {
        var builder = new StringBuilder();
        var length = random.Next(4) switch { 0 => 0, 1 => random.Next(1, 16), 2 => random.Next(16, 512), _ => random.Next(512, 6000) };
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(7) switch
            {
                0 => "%" + random.Next(256).ToString("X2", System.Globalization.CultureInfo.InvariantCulture),
                1 => "%",
                2 => "%u" + random.Next(65536).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
                3 => "&=+;"[random.Next(4)].ToString(),
                4 => ((char)random.Next(0x21, 0x7f)).ToString(),
                5 => "%C0%AF%ED%A0%80%F4%90%80%80"[..(random.Next(1, 4) * 3)],
                _ => "quenmix",
            });
        }

        return builder.ToString();
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(3) == 0 ? random.Next(20_000, 200_000) : random.Next(0, 2000)];
        random.NextBytes(bytes);
        return bytes;
    }

    private async Task<int> SendAsync(byte[] request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.PublicUrl.Port);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request);
        }
        catch (IOException)
        {
            // The server may answer and close before reading a body it refuses; the status still counts.
        }

        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer);
        var status = Encoding.ASCII.GetString(buffer, 0, read);
        Assert.StartsWith("HTTP/1.1 ", status, StringComparison.Ordinal);
        return int.Parse(status.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Random_queries_and_bodies_on_every_public_route_never_cause_a_5xx_or_a_hang()
    {
        var random = new Random(Seed);
        var paths = server.Endpoints.Where(e => InProcessServer.Serves(e, Listener.Public)).Select(InProcessServer.PathFor).Distinct().ToList();
        Assert.True(paths.Count >= 4);
        var statuses = new Dictionary<int, int>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Requests; i++)
        {
            var path = paths[random.Next(paths.Count)];
            var target = Encoding.Latin1.GetBytes(path + "?" + RandomText(random));
            byte[] request;
            if (random.Next(2) == 0)
            {
                request = [.. Encoding.ASCII.GetBytes("GET "), .. target, .. Encoding.ASCII.GetBytes(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")];
            }
            else
            {
                var body = random.Next(2) == 0 ? Encoding.Latin1.GetBytes(RandomText(random)) : RandomBytes(random);
                var head = $" HTTP/1.1\r\nHost: x\r\nContent-Type: {ContentTypes[random.Next(ContentTypes.Length)]}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                request = [.. Encoding.ASCII.GetBytes("POST "), .. target, .. Encoding.Latin1.GetBytes(head), .. body];
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var status = await SendAsync(request).WaitAsync(timeout.Token);
            Assert.True(status < 500, $"request {i} (seed {Seed}) to {path}: status {status}");
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"took {clock.Elapsed}");
        Assert.True(statuses.Keys.Count >= 2, "the fuzzer should reach more than one kind of answer: " + string.Join(", ", statuses));
        using var http = new HttpClient();
        await Task.Delay(TimeSpan.FromSeconds(1)); // let the shared bucket refill
        using var after = await http.GetAsync(new Uri(server.PublicUrl, "/en/privacy"));
        Assert.Equal(200, (int)after.StatusCode);
    }
}
