using System.Diagnostics;
using System.Net;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// Two real <c>waymark serve</c> nodes on one PostgreSQL: an editor publishes and closes on the
/// first, and the second serves and then refuses the survey within a few seconds (it polls the
/// one-row catalog version every 2 s; docs/adr/0070).
/// </summary>
public sealed class InstrumentMultiNodeTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("InstrumentMultiNodeTests");

    public void Dispose() => _temp.Dispose();

    private const string Password = "multi-node editor password";

    /// <summary>Poll interval (2 s) plus a generous margin for a loaded two-core machine.</summary>
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task A_publish_and_a_close_on_one_node_reach_the_other_within_seconds()
    {
        var storage = await TestDatabases.CreateAsync(DatabaseEngine.PostgreSql, _temp);
        var surveys = _temp.NewFolder("no-surveys");
        var environment = new Dictionary<string, string> { ["WAYMARK_SURVEYS_DIR"] = surveys };
        await using var cluster = await ServerCluster.StartAsync(2, storage.PostgresConnectionString!, environment);
        var (first, second) = (cluster.Nodes[0], cluster.Nodes[1]);
        var added = await ServerProcess.RunWaymarkAsync(Password, "users", "add", "ed", "--role", "editor", "--password-stdin", "--postgres", storage.PostgresConnectionString!);
        Assert.True(added.Code == 0, added.Error);

        using var editor = await ConsoleSession.SignInNewAsync(first.ConsoleUrl, "ed", Password);
        using var upload = await InstrumentFiles.UploadAsync(editor, InstrumentFiles.Good("two-node-check"));
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var id = InstrumentFiles.IdFrom(upload);
        using var http = new HttpClient();
        var path = new Uri(second.PublicUrl, "/en/s/two-node-check");
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(http, path));

        using (var published = await InstrumentFiles.PressAsync(editor, id, "Publish", confirmUnsealed: true))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, new Uri(first.PublicUrl, "/en/s/two-node-check"))); // at once on the node that published
        var served = await WaitForAsync(http, path, HttpStatusCode.OK);
        Assert.True(served < Within, $"the second node served the survey after {served}");

        using (var closed = await InstrumentFiles.PressAsync(editor, id, "Close"))
        {
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        var gone = await WaitForAsync(http, path, HttpStatusCode.Gone);
        Assert.True(gone < Within, $"the second node refused the survey after {gone}");
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, Uri url)
    {
        using var response = await http.GetAsync(url);
        return response.StatusCode;
    }

    private static async Task<TimeSpan> WaitForAsync(HttpClient http, Uri url, HttpStatusCode expected)
    {
        var clock = Stopwatch.StartNew();
        while (await StatusAsync(http, url) != expected)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{url} never answered {expected}");
            await Task.Delay(100);
        }

        return clock.Elapsed;
    }
}
