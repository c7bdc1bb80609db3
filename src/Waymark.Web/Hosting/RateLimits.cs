using System.Threading.RateLimiting;

namespace Waymark.Web.Hosting;

/// <summary>
/// Rate limits that need no client identity: Waymark never sees who a visitor is (over Tor every
/// visitor comes from 127.0.0.1), so limits are per listener, not per address. They bound the
/// work a flood can cause; Tor's proof-of-work defence (deploy/tor/torrc) makes the flood costly
/// for the sender. Refused requests get 429 with the usual headers (docs/security.md).
/// </summary>
internal static class RateLimits
{
    /// <summary>
    /// Public listener: bursts of 100,000 requests, 50,000 a second sustained, across all visitors.
    /// A ceiling above what one node serves (measured: about 23,000 survey-page GETs/s and
    /// 30,000 screening calls/s on 2 cores), so real traffic is never refused, while a flood's
    /// excess is turned away before routing, cheaply.
    /// </summary>
    public static readonly TokenBucketRateLimiterOptions PublicBucket = new()
    {
        TokenLimit = 100_000,
        TokensPerPeriod = 50_000,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>Console listener: a few people; 100 a second is far more than they click.</summary>
    public static readonly TokenBucketRateLimiterOptions ConsoleBucket = new()
    {
        TokenLimit = 200,
        TokensPerPeriod = 100,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>
    /// Operator listener: the search engine's own calls, in a bucket of their own so that no flood of the
    /// public listener can turn them away. Sized like the public bucket's sustained rate (one node screens
    /// about 30,000 queries a second on 2 cores), so only a runaway caller meets it.
    /// </summary>
    public static readonly TokenBucketRateLimiterOptions OperatorBucket = new()
    {
        TokenLimit = 50_000,
        TokensPerPeriod = 25_000,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>
    /// Password checks are deliberately expensive (Argon2id, 19 MiB each): at most two run at once,
    /// a few wait, the rest are refused, so a login flood cannot exhaust memory or CPU.
    /// </summary>
    public static readonly ConcurrencyLimiterOptions LoginConcurrency = new()
    {
        PermitLimit = 2,
        QueueLimit = 8,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    };

    /// <summary>
    /// Per form token (Forms/GuardedFormFilter.cs): one rendering of a public form may be submitted at
    /// most five times a minute. A person sends it once, or again after the back button; a bot
    /// replaying a stored form is refused with 429 beyond that, on top of the listener's bucket.
    /// </summary>
    public static readonly FixedWindowRateLimiterOptions FormTokenWindow = new()
    {
        PermitLimit = 5,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public static void AddWaymarkRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = Create();
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        });

    internal static PartitionedRateLimiter<HttpContext> Create() =>
        PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, Listener>(context =>
                RateLimitPartition.GetTokenBucketLimiter(context.CurrentListener(), listener => listener switch
                {
                    Listener.Public => PublicBucket,
                    Listener.Operator => OperatorBucket,
                    _ => ConsoleBucket,
                })),
            PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsPasswordCheck(context)
                    ? RateLimitPartition.GetConcurrencyLimiter("login", _ => LoginConcurrency)
                    : RateLimitPartition.GetNoLimiter("other")));

    private static bool IsPasswordCheck(HttpContext context) =>
        context.CurrentListener() == Listener.Console
        && HttpMethods.IsPost(context.Request.Method)
        && context.Request.Path.StartsWithSegments("/console/login", StringComparison.Ordinal);
}
