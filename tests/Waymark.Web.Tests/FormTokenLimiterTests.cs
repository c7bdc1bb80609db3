using System.Collections.Concurrent;
using Waymark.Testing;
using Waymark.Web.Forms;
using Waymark.Web.Hosting;

namespace Waymark.Web.Tests;

/// <summary>
/// The per-token limit is the one table every guarded POST shares: hammered from many threads, each
/// rendering gets exactly its five submissions per window, windows follow the injected clock, and
/// ended windows are swept while other threads keep submitting, without an exception.
/// </summary>
public sealed class FormTokenLimiterTests
{
    private const int Threads = 32;
    private static readonly TimeSpan Window = RateLimits.FormTokenWindow.Window;
    private static readonly int Limit = RateLimits.FormTokenWindow.PermitLimit;

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 6, 18, 0, 0, TimeSpan.Zero));

    /// <summary>Runs <paramref name="work"/> on <see cref="Threads"/> threads released at the same moment.</summary>
    private static void AllAtOnce(Action<int> work)
    {
        using var start = new Barrier(Threads);
        var failures = new ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                work(i);
            }
            catch (Exception exception)
            {
                failures.Enqueue(exception);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Empty(failures);
    }

    [Fact]
    public void One_rendering_sent_from_many_threads_at_once_gets_exactly_the_limit_in_each_window()
    {
        var limiter = new FormTokenLimiter(_clock);
        for (var window = 0; window < 3; window++)
        {
            var accepted = 0;
            AllAtOnce(_ =>
            {
                for (var i = 0; i < 50; i++)
                {
                    if (limiter.TryAcquire("rendering-zorblat"))
                    {
                        Interlocked.Increment(ref accepted);
                    }
                }
            });
            Assert.Equal(Limit, accepted);
            _clock.Now += Window;
        }
    }

    [Fact]
    public void Many_renderings_at_once_each_get_the_limit_and_ended_windows_are_swept_meanwhile()
    {
        var limiter = new FormTokenLimiter(_clock);
        const int Tokens = 200;
        for (var round = 0; round < 4; round++)
        {
            var accepted = new int[Tokens];
            // Every thread sends every token a few times, in its own order: the same entries are
            // opened, counted and (from the second round on) found ended and swept, all at once.
            AllAtOnce(thread =>
            {
                for (var i = 0; i < Tokens * 2; i++)
                {
                    var token = (i * (thread + 1) * 7919 + thread) % Tokens;
                    if (limiter.TryAcquire($"round-independent-token-{token}"))
                    {
                        Interlocked.Increment(ref accepted[token]);
                    }
                }
            });
            Assert.All(accepted, count => Assert.Equal(Limit, count));
            _clock.Now += Window;
        }

        // One more submission after the last window ended sweeps every other token away.
        _clock.Now += Window;
        Assert.True(limiter.TryAcquire("late"));
        Assert.Equal(1, limiter.Tracked);
    }
}
