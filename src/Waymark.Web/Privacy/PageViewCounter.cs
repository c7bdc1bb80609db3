using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Storage;
using Waymark.Web.Hosting;
using Waymark.Web.Localization;

namespace Waymark.Web.Privacy;

/// <summary>
/// Counts successful public page views per UTC day, page and language, in memory, and adds the
/// totals to the database every <see cref="FlushInterval"/> and at shutdown. These counts are
/// the only usage record kept about anonymous visitors. A crash may lose the counts of the last
/// interval: they are statistics, not anything acknowledged to a visitor.
/// </summary>
internal sealed partial class PageViewCounter(WaymarkDatabase database, TimeProvider time, ILogger<PageViewCounter> logger)
    : BackgroundService
{
    internal const string CounterPrefix = "page:";
    internal static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(30);

    private ConcurrentDictionary<(string Name, DateOnly Day, string Dimension), long> _pending = new();

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
        using var timer = new PeriodicTimer(FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
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
