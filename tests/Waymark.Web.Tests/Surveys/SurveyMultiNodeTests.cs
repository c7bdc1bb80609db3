using System.Text.Json;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Web.Tests.Surveys;

/// <summary>
/// Two <c>waymark serve</c> nodes on one PostgreSQL, as behind Onionbalance: every respondent's
/// requests alternate between the nodes (the state made by one is read by the other), many at once,
/// and every response is stored exactly once. The nodes share one secrets key file, as deployed.
/// </summary>
public sealed class SurveyMultiNodeTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("SurveyMultiNodeTests");

    public void Dispose() => _temp.Dispose();

    private const int Respondents = 40;

    [Fact]
    public async Task Interleaved_submissions_through_two_nodes_are_all_stored_once()
    {
        var storage = await TestDatabases.CreateAsync(DatabaseEngine.PostgreSql, _temp);
        var folder = SurveyTestForms.NewFolder(_temp);
        await using var cluster = await ServerCluster.StartAsync(2, storage.PostgresConnectionString!, SurveyTestForms.Environment(folder));
        var (first, second) = (cluster.Nodes[0], cluster.Nodes[1]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

        var markers = Enumerable.Range(0, Respondents).Select(i => $"two-nodes-{i}").ToList();
        await Task.WhenAll(markers.Select(async (marker, i) =>
        {
            var nodes = i % 2 == 0 ? new[] { first, second } : [second, first];
            var step = 0;
            HttpRespondent Next(HttpRespondent? previous)
            {
                var node = nodes[step++ % 2];
                var respondent = new HttpRespondent(http, node.PublicUrl, SurveyTestForms.FlowTest);
                respondent.TakeOver(previous);
                return respondent;
            }

            var r = Next(null);
            await r.OpenAsync();
            r = Next(r);
            await r.PostAsync("start");
            r = Next(r);
            await r.PostAsync("next", ("age", "50"), ("helped", "no"));
            r = Next(r);
            await r.PostAsync("next", ("f1", "often"), ("f2", "never"), ("f3", "often"), ("check", "blue"));
            r = Next(r);
            await r.PostAsync("next", ("why", marker));
            Assert.True(r.IsComplete, $"{marker}: {r.Status}");

            // The same completed form sent again to the other node is not a second response.
            var again = Next(null);
            again.TakeOver(r.Previous);
            await again.PostAsync("next", ("why", marker));
            Assert.True(again.IsComplete);
        }));

        await using var database = await WaymarkDatabase.OpenAsync(storage);
        var stored = await database.SurveyResponses.ReadAsync(SurveyTestForms.FlowTest);
        var answers = stored.Select(s => JsonDocument.Parse(s.Payload).RootElement.GetProperty("answers").GetProperty("why").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(markers.Order(StringComparer.Ordinal), answers);
    }
}
