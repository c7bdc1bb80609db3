using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Storage;
using Waymark.Web.Hosting;
using Waymark.Web.Localization;

namespace Waymark.Web.Privacy;

/// <summary>
/// Counts successful public page views per UTC day, page and language, in memory, and adds the
/// totals to the database about once an hour, at a random moment of each hour, and at shutdown.
/// These counts are the only usage record kept about anonymous visitors. A flush is its own
/// transaction, never written with a response, and rare and irregular so that it marks no time
/// among the responses on disk (docs/adr/0100-no-arrival-order-on-disk.md). A crash may lose the
/// counts since the last flush (up to two hours): they are statistics, not anything acknowledged to a visitor.
/// </summary>
internal sealed partial class PageViewCounter(WaymarkDatabase database, TimeProvider time, Random random, ILogger<PageViewCounter> logger)
    : BackgroundService
{
    internal const string CounterPrefix = "page:";

    /// <summary>One flush falls in each period, at a random offset within it.</summary>
    internal static readonly TimeSpan FlushPeriod = TimeSpan.FromHours(1);

    private ConcurrentDictionary<(string Name, DateOnly Day, string Dimension), long> _pending = new();

    /// <summary>When the next timed flush is due (null before the first is planned); for tests.</summary>
    internal DateTimeOffset? NextFlush { get; private set; }

    /// <summary>A random moment within the period (of whole UTC hours) that follows the one holding <paramref name="now"/>.</summary>
    internal static DateTimeOffset NextFlushAfter(DateTimeOffset now, Random random)
    {
        var periodTicks = FlushPeriod.Ticks;
        var nextPeriod = new DateTimeOffset((now.UtcTicks / periodTicks + 1) * periodTicks, TimeSpan.Zero);
        return nextPeriod + random.NextDouble() * FlushPeriod;
    }

    public void Record(string page, string language) => Count(CounterPrefix + page, language);

    /// <summary>Adds one to a daily counter of any name (other features count through the same buffer).</summary>
    public void Count(string name, string dimension)
    {
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        _pending.AddOrUpdate((name, day, dimension), 1, static (_, count) => count + 1);
    }

    /// <summary>Writes the pending counts; on failure they are put back for the next try.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = Interlocked.Exchange(ref _pending, new());
        if (batch.IsEmpty)
        {
            return;
        }

        var increments = batch.Select(p => new CounterIncrement(p.Key.Name, p.Key.Day, p.Key.Dimension, p.Value)).ToList();
        try
        {
            await database.Counters.AddAsync(increments, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            foreach (var (key, count) in batch)
            {
                _pending.AddOrUpdate(key, count, (_, existing) => existing + count);
            }

            LogFlushFailed(logger, exception);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // The random generator is this loop's alone (Record and Count never touch it).
                var next = NextFlushAfter(time.GetUtcNow(), random);
                NextFlush = next;
                await Task.Delay(next > time.GetUtcNow() ? next - time.GetUtcNow() : TimeSpan.Zero, time, stoppingToken).ConfigureAwait(false);
                await FlushAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Could not save page-view counts; they will be retried")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}

/// <summary>Feeds <see cref="PageViewCounter"/> from successful public GETs of Razor Pages.</summary>
internal sealed class PageViewCounting(RequestDelegate next, PageViewCounter counter)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context).ConfigureAwait(false);
        if (HttpMethods.IsGet(context.Request.Method)
            && context.Response.StatusCode == StatusCodes.Status200OK
            && context.CurrentListener() == Listener.Public
            && context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
        {
            counter.Record(page.ViewEnginePath, context.CurrentLanguage().Code);
        }
    }
}
