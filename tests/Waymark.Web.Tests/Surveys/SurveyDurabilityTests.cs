using System.Collections.Concurrent;
using System.Text.Json;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Web.Tests.Surveys;

/// <summary>
/// A response acknowledged with the thank-you page is on disk: the server is killed with SIGKILL
/// while many submissions are in flight, restarted on the same database, and every acknowledged
/// response is there, once. On SQLite and on PostgreSQL.
/// </summary>
public sealed class SurveyDurabilityTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("SurveyDurabilityTests");

    public void Dispose() => _temp.Dispose();

    private const int Respondents = 96;

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Every_acknowledged_response_survives_kill_9(DatabaseEngine engine)
    {
        var storage = await TestDatabases.CreateAsync(engine, _temp);
        var folder = SurveyTestForms.NewFolder(_temp);
        var dataDirectory = _temp.NewFolder("data");
        var acknowledged = new ConcurrentBag<string>();
        var failed = 0;
        await using (var server = await ServerProcess.StartAsync(SurveyTestForms.Environment(folder), storage.PostgresConnectionString, dataDirectory))
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

            // Everyone is brought to the last page first, then all send their answers at once.
            var respondents = new List<(HttpRespondent Respondent, string Marker)>();
            for (var i = 0; i < Respondents; i++)
            {
                var respondent = new HttpRespondent(http, server.PublicUrl, SurveyTestForms.FlowTest);
                await respondent.OpenAsync();
                await respondent.PostAsync("start");
                await respondent.PostAsync("next", ("age", "40"), ("helped", "no"));
                await respondent.PostAsync("next", ("f1", "often"), ("f2", "never"), ("f3", "often"), ("check", "blue"));
                respondents.Add((respondent, $"durable-{i}"));
            }

            var killed = new TaskCompletionSource();
            var submissions = respondents.Select(async r =>
            {
                try
                {
                    await r.Respondent.PostAsync("next", ("why", r.Marker));
                    if (r.Respondent.IsComplete)
                    {
                        acknowledged.Add(r.Marker);
                        if (acknowledged.Count >= Respondents / 4)
                        {
                            killed.TrySetResult();
                        }
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.Increment(ref failed);
                }
            }).ToList();

            await Task.WhenAny(killed.Task, Task.WhenAll(submissions));
            await server.KillAsync();
            await Task.WhenAll(submissions);
        }

        Assert.NotEmpty(acknowledged);
        Assert.Equal(Respondents, acknowledged.Count + failed);

        // Restart on the same database (recovery runs as it would after a power cut), then look.
        await using (var restarted = await ServerProcess.StartAsync(SurveyTestForms.Environment(folder), storage.PostgresConnectionString, dataDirectory))
        {
            await restarted.StopAsync();
        }

        await using var database = await WaymarkDatabase.OpenAsync(engine == DatabaseEngine.Sqlite ? new StorageSettings { DataDirectory = dataDirectory } : storage);
        var stored = await database.SurveyResponses.ReadAsync(SurveyTestForms.FlowTest);
        var markers = stored.Select(r => JsonDocument.Parse(r.Payload).RootElement.GetProperty("answers").GetProperty("why").GetString()).ToList();
        Assert.Equal(markers.Count, markers.Distinct(StringComparer.Ordinal).Count());
        var missing = acknowledged.Except(markers, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged responses lost of {acknowledged.Count} (stored {markers.Count}, failed in flight {failed}): {string.Join(", ", missing)}");
        Directory.Delete(dataDirectory, recursive: true);
    }
}
