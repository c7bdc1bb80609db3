using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Cli.Tests;

public sealed class StorageCommandTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("StorageCommandTests");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Compact_rewrites_the_sqlite_file_and_leaves_an_empty_log()
    {
        var data = _temp.NewFolder("storage-compact");
        var settings = new StorageSettings { DataDirectory = data };
        await using (var database = await WaymarkDatabase.OpenAsync(settings))
        {
            for (var i = 0; i < 40; i++)
            {
                await database.SurveyResponses.AddAsync(new StoredResponse($"id-{i:D2}", "demo", null, false, new byte[2000], string.Empty));
            }

            // Freed pages that only a rebuild gives back.
            for (var i = 0; i < 40; i += 2)
            {
                await database.SelfHelpVaults.PutAsync(Enumerable.Repeat((byte)i, SelfHelpVaultStore.LookupLength).ToArray(), new byte[4000]);
                Assert.True(await database.SelfHelpVaults.DeleteAsync(Enumerable.Repeat((byte)i, SelfHelpVaultStore.LookupLength).ToArray()));
            }
        }

        var (code, output, error) = await CliRun.RunAsync("storage", "compact", "--data-dir", data);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("survey_responses, survey_drafts, selfhelp_vaults rewritten in key order", output, StringComparison.Ordinal);
        var wal = Path.Combine(data, "waymark.db-wal");
        Assert.True(!File.Exists(wal) || new FileInfo(wal).Length == 0);
        await using var reopened = await WaymarkDatabase.OpenAsync(settings);
        Assert.Equal(40, await reopened.SurveyResponses.CountAsync("demo"));
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_is_a_failure_with_a_message()
    {
        var (code, _, error) = await CliRun.RunAsync("storage", "compact", "--postgres", "Host=127.0.0.1;Port=1;Database=none;Timeout=2");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.StartsWith("waymark storage compact: cannot compact the database:", error, StringComparison.Ordinal);
    }
}
