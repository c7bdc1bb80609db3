using Npgsql;
using Waymark.Storage;
using Waymark.Testing;
using Waymark.Web.Surveys;

namespace Waymark.Web.Tests.Surveys;

/// <summary>
/// The group commit waits a bounded random time for a batch to fill, stores the batch in one transaction
/// in a random order, and acknowledges no response before its commit (docs/adr/0100-no-arrival-order-on-disk.md).
/// </summary>
public sealed class ResponseCommitterTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ResponseCommitterTests");

    public void Dispose() => _temp.Dispose();

    private static readonly DateTimeOffset Start = new(2026, 12, 6, 21, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_full_batch_is_one_shuffled_transaction_and_nothing_is_acknowledged_before_it(DatabaseEngine engine)
    {
        var settings = await TestDatabases.CreateAsync(engine, _temp);
        await using var database = await WaymarkDatabase.OpenAsync(settings);
        var clock = new SteppedClock(Start);
        await using var committer = new ResponseCommitter(database, clock, new Random(11), TimeSpan.FromHours(1));

        // One short of the fill target: the writer waits (its clock never moves), nobody is told "stored".
        var acknowledgements = Enumerable.Range(0, ResponseCommitter.FillTarget - 1).Select(i => committer.CommitAsync(Response(i), null)).ToList();
        await Until(() => Task.FromResult(clock.PendingTimers == 1));
        await Task.Delay(300);
        Assert.DoesNotContain(acknowledgements, a => a.IsCompleted);
        Assert.Equal(0, await database.SurveyResponses.CountAsync("demo"));

        acknowledgements.Add(committer.CommitAsync(Response(ResponseCommitter.FillTarget - 1), null));
        Assert.All(await Task.WhenAll(acknowledgements).WaitAsync(TimeSpan.FromSeconds(60)), Assert.True);
        Assert.Equal(ResponseCommitter.FillTarget, await database.SurveyResponses.CountAsync("demo"));

        if (engine == DatabaseEngine.PostgreSql)
        {
            // Same transaction id for the whole batch; heap order (ctid) is not the order of arrival.
            await using var source = NpgsqlDataSource.Create(settings.PostgresConnectionString!);
            await using var command = source.CreateCommand("SELECT id, xmin::text FROM survey_responses ORDER BY ctid");
            await using var reader = await command.ExecuteReaderAsync();
            var heap = new List<(string Id, string Xmin)>();
            while (await reader.ReadAsync())
            {
                heap.Add((reader.GetString(0), reader.GetString(1)));
            }

            Assert.Single(heap.Select(r => r.Xmin).Distinct());
            var arrival = Enumerable.Range(0, ResponseCommitter.FillTarget).Select(i => Response(i).Id).ToList();
            Assert.NotEqual(arrival, heap.Select(r => r.Id));
            Assert.Equal(arrival.Order(StringComparer.Ordinal), heap.Select(r => r.Id).Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_batch_that_does_not_fill_is_written_when_its_bounded_wait_ends(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var clock = new SteppedClock(Start);
        await using var committer = new ResponseCommitter(database, clock, new Random(3), TimeSpan.FromSeconds(2));

        var acknowledgements = Enumerable.Range(0, 3).Select(i => committer.CommitAsync(Response(i), null)).ToList();
        await Until(() => Task.FromResult(clock.PendingTimers == 1));
        Assert.DoesNotContain(acknowledgements, a => a.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.All(await Task.WhenAll(acknowledgements).WaitAsync(TimeSpan.FromSeconds(60)), Assert.True);
        Assert.Equal(3, await database.SurveyResponses.CountAsync("demo"));

        // A re-sent response waits for a batch of its own and is stored once.
        var resent = committer.CommitAsync(Response(0), null);
        await Until(() => Task.FromResult(clock.PendingTimers == 1));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(await resent.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(3, await database.SurveyResponses.CountAsync("demo"));
    }

    private static StoredResponse Response(int i) => new($"r{i:D3}", "demo", null, false, [(byte)i], string.Empty);

    internal static async Task Until(Func<Task<bool>> condition)
    {
        for (var tries = 0; !await condition(); tries++)
        {
            Assert.True(tries < 600, "timed out waiting");
            await Task.Delay(50);
        }
    }
}
