using Microsoft.Extensions.Logging.Abstractions;
using Waymark.Storage;
using Waymark.Testing;
using Waymark.Web.Privacy;
using Waymark.Web.Tests.Surveys;

namespace Waymark.Web.Tests;

/// <summary>
/// Counters are flushed rarely, at a random moment of each hour, in their own transaction, and at shutdown,
/// so that they mark no time among the responses on disk (docs/adr/0100-no-arrival-order-on-disk.md).
/// </summary>
public sealed class PageViewCounterTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("PageViewCounterTests");

    public void Dispose() => _temp.Dispose();

    private static readonly DateTimeOffset Start = new(2026, 12, 6, 10, 20, 0, TimeSpan.Zero);

    [Fact]
    public void Each_flush_falls_at_a_random_moment_of_the_next_hour()
    {
        var random = new Random(42);
        var moments = Enumerable.Range(0, 200).Select(_ => PageViewCounter.NextFlushAfter(Start, random)).ToList();

        Assert.All(moments, m => Assert.InRange(m, Start.AddMinutes(40), Start.AddMinutes(100).AddTicks(-1)));
        // Spread over the hour, not a fixed offset: a quarter of the draws in each quarter of the hour, roughly.
        var quarters = moments.GroupBy(m => m.Minute / 15).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, quarters.Count);
        Assert.All(quarters.Values, count => Assert.InRange(count, 25, 75));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Counts_reach_the_database_only_at_the_planned_moment_and_at_shutdown(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var clock = new SteppedClock(Start);
        var counter = new PageViewCounter(database, clock, new Random(7), NullLogger<PageViewCounter>.Instance);
        await counter.StartAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            counter.Record("/Privacy/Index", "en");
        }

        await ResponseCommitterTests.Until(() => Task.FromResult(counter.NextFlush is not null && clock.PendingTimers == 1));
        var planned = counter.NextFlush!.Value;
        Assert.InRange(planned, new DateTimeOffset(2026, 12, 6, 11, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

        // Thirty seconds (the old interval) and up to a second before the planned moment: nothing written.
        clock.Advance(TimeSpan.FromSeconds(30));
        clock.Advance(planned - clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        await Task.Delay(300);
        Assert.Empty(await database.Counters.ReadByPrefixAsync(PageViewCounter.CounterPrefix));

        clock.Advance(TimeSpan.FromSeconds(1));
        await ResponseCommitterTests.Until(async () => (await database.Counters.ReadByPrefixAsync(PageViewCounter.CounterPrefix)).Count == 1);
        Assert.Equal(3, Assert.Single(await database.Counters.ReadByPrefixAsync(PageViewCounter.CounterPrefix)).Count);
        await ResponseCommitterTests.Until(() => Task.FromResult(counter.NextFlush != planned && clock.PendingTimers == 1));
        Assert.InRange(counter.NextFlush!.Value, new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 6, 13, 0, 0, TimeSpan.Zero));

        // Shutdown writes what is left.
        counter.Record("/Privacy/Index", "en");
        await counter.StopAsync(CancellationToken.None);
        Assert.Equal(4, Assert.Single(await database.Counters.ReadByPrefixAsync(PageViewCounter.CounterPrefix)).Count);
        counter.Dispose();
    }
}
