using Microsoft.AspNetCore.Http;
using Waymark.Web.Hosting;

namespace Waymark.Web.Tests;

/// <summary>The global limits partition by listener and by kind of request, never by who sends it.</summary>
public sealed class RateLimitTests
{
    private static DefaultHttpContext Request(Listener listener, string method = "GET", string path = "/en/")
    {
        var context = new DefaultHttpContext();
        context.Features.Set(new ListenerFeature(listener));
        context.Request.Method = method;
        context.Request.Path = path;
        return context;
    }

    [Fact]
    public void The_public_bucket_is_shared_by_every_visitor_and_separate_from_the_console()
    {
        using var limiter = RateLimits.Create();
        var admitted = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (admitted < 1_000_000)
        {
            using var lease = limiter.AttemptAcquire(Request(Listener.Public));
            if (!lease.IsAcquired)
            {
                break;
            }

            admitted++;
        }

        // The bucket refills while the loop runs (on a loaded machine the loop can span several periods):
        // never more than one period's worth for each period that began while it ran.
        var periods = (int)(clock.Elapsed / RateLimits.PublicBucket.ReplenishmentPeriod) + 1;
        Assert.InRange(admitted, RateLimits.PublicBucket.TokenLimit, RateLimits.PublicBucket.TokenLimit + (periods * RateLimits.PublicBucket.TokensPerPeriod));
        using var console = limiter.AttemptAcquire(Request(Listener.Console));
        Assert.True(console.IsAcquired);

        // The search engine's calls on the operator listener have their own bucket: a public flood leaves them alone.
        using var engine = limiter.AttemptAcquire(Request(Listener.Operator, "POST", "/api/screen"));
        Assert.True(engine.IsAcquired);
    }

    [Fact]
    public void The_operator_bucket_is_its_own_and_bounded()
    {
        using var limiter = RateLimits.Create();
        var admitted = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (admitted < 1_000_000)
        {
            using var lease = limiter.AttemptAcquire(Request(Listener.Operator, "POST", "/api/screen"));
            if (!lease.IsAcquired)
            {
                break;
            }

            admitted++;
        }

        var periods = (int)(clock.Elapsed / RateLimits.OperatorBucket.ReplenishmentPeriod) + 1;
        Assert.InRange(admitted, RateLimits.OperatorBucket.TokenLimit, RateLimits.OperatorBucket.TokenLimit + (periods * RateLimits.OperatorBucket.TokensPerPeriod));
        using var visitor = limiter.AttemptAcquire(Request(Listener.Public));
        Assert.True(visitor.IsAcquired);
    }

    [Fact]
    public void Password_checks_run_two_at_a_time_and_other_console_requests_are_not_held_up()
    {
        using var limiter = RateLimits.Create();
        using var first = limiter.AttemptAcquire(Request(Listener.Console, "POST", "/console/login"));
        using var second = limiter.AttemptAcquire(Request(Listener.Console, "POST", "/console/login/code"));
        using var third = limiter.AttemptAcquire(Request(Listener.Console, "POST", "/console/login"));
        Assert.True(first.IsAcquired && second.IsAcquired);
        Assert.False(third.IsAcquired);
        using var page = limiter.AttemptAcquire(Request(Listener.Console, "GET", "/console/login"));
        Assert.True(page.IsAcquired);
        using var publicPost = limiter.AttemptAcquire(Request(Listener.Public, "POST", "/console/login"));
        Assert.True(publicPost.IsAcquired);
    }
}
