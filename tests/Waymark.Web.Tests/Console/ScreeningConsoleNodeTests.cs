using System.Diagnostics;
using System.Net;
using System.Text;
using Waymark.Accounts;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// The real <c>waymark serve</c>: a list uploaded on one node reaches another node on the same
/// PostgreSQL within seconds; a query tested in the console reaches no log (at Trace) and no database file.
/// </summary>
public sealed class ScreeningConsoleNodeTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ScreeningConsoleNodeTests");

    public void Dispose() => _temp.Dispose();

    private const string Password = "an editor password for nodes";

    private static async Task<ConsoleSession> EditorOnAsync(StorageSettings storage, ServerProcess node, string name)
    {
        await using (var database = await WaymarkDatabase.OpenAsync(storage))
        {
            Assert.True((await new ConsoleAccounts(database, TimeProvider.System, TotpSecretBox.None).AddAsync(name, ConsoleRole.Editor, Password, "test")).IsSuccess);
        }

        return await ConsoleSession.SignInNewAsync(node.ConsoleUrl, name, Password);
    }

    [Fact]
    public async Task A_list_uploaded_on_one_node_is_live_on_the_other_within_seconds_and_leaves_it_when_deactivated()
    {
        var storage = await TestDatabases.CreateAsync(DatabaseEngine.PostgreSql, _temp);
        await using var cluster = await ServerCluster.StartAsync(2, storage.PostgresConnectionString!);
        var (first, second) = (cluster.Nodes[0], cluster.Nodes[1]);
        using var editor = await EditorOnAsync(storage, first, "ed-nodes");
        using var http = new HttpClient();
        Assert.False(await ScreeningConsole.MatchesAsync(http, second.PublicUrl, "quenmix"));

        var (status, html) = await ScreeningConsole.UploadAsync(editor, "shared-placeholders", "quenmix\t*\ttoken\tcsam\tnodes\n");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.True(await ScreeningConsole.MatchesAsync(http, first.PublicUrl, "quenmix"));
        var clock = Stopwatch.StartNew();
        await Eventually.HappensAsync(() => ScreeningConsole.MatchesAsync(http, second.PublicUrl, "q-u-e-n-m-i-x"), "the upload reaching the second node");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3) + Waymark.Web.Screening.ScreeningTerms.RefreshInterval, $"{clock.Elapsed}");

        (status, _) = await ScreeningConsole.PostAsync(editor, "Deactivate", ("id", ScreeningConsole.IdOf(html, "shared-placeholders")));
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.False(await ScreeningConsole.MatchesAsync(http, first.PublicUrl, "quenmix"));
        await Eventually.HappensAsync(async () => !await ScreeningConsole.MatchesAsync(http, second.PublicUrl, "quenmix"), "the deactivation reaching the second node");
    }

    [Fact]
    public async Task A_tested_query_reaches_no_log_and_no_database_file()
    {
        const string marker = "plovrashmarker5519";
        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
        };
        await using var node = await ServerProcess.StartAsync(environment);
        var storage = new StorageSettings { DataDirectory = node.DataDirectory };
        using var editor = await EditorOnAsync(storage, node, "ed-privacy");
        var (status, _) = await ScreeningConsole.UploadAsync(editor, "privacy-placeholders", "zorblat\t*\ttoken\n");
        Assert.Equal(HttpStatusCode.Redirect, status);

        (status, var html) = await ScreeningConsole.PostAsync(editor, "Test", ("query", $"{marker} zorblat"), ("lang", "fi"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("zorblat", HtmlPage.Parse(html).Text("dd#matched-term"));
        (status, _) = await ScreeningConsole.PostAsync(editor, "Test", ("query", marker + "-unmatched"), ("lang", "en"));
        Assert.Equal(HttpStatusCode.OK, status);
        await node.StopAsync();

        var stored = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(node.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            stored.Append(Encoding.Latin1.GetString(bytes)).Append(Encoding.Unicode.GetString(bytes));
        }

        Assert.Contains("privacy-placeholders", stored.ToString(), StringComparison.Ordinal); // the files were read
        Assert.Contains("term list uploaded", stored.ToString(), StringComparison.Ordinal);
        Assert.Contains("Now listening", node.Output, StringComparison.Ordinal); // the log was captured
        Assert.DoesNotContain(marker, stored.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(marker, node.Output, StringComparison.Ordinal);
    }
}
