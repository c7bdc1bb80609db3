using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Waymark.Web.Hosting;

namespace Waymark.Web.Forms;

/// <summary>A public page whose POST forms are guarded (<c>wm-guard</c> on the form).</summary>
internal interface IGuardedPage
{
    /// <summary>The form name its <c>wm-guard</c> attribute gives.</summary>
    string GuardedFormName { get; }

    /// <summary>Whether a filled honeypot is passed on (as <see cref="GuardedForm.HoneypotBait"/> = "1", a quality flag) rather than refused.</summary>
    bool KeepsHoneypotSubmissions { get; }

    /// <summary>The page to show, with <paramref name="status"/>, when a submission is refused.</summary>
    Task<IActionResult> RefuseAsync(int status);
}

/// <summary>
/// Checks every POST to an <see cref="IGuardedPage"/> before model binding: the token must be ours,
/// for this form, unexpired, every field name must belong to that rendering, and the honeypot empty
/// (or passed on as a flag); each token may be submitted at most <see cref="RateLimits.FormTokenWindow"/>
/// times a minute. Accepted submissions are handed on under their logical names, so page models and
/// binders read "phrase" or "state" as before. Refusals show the page's own message with a 4xx
/// status, and nothing is stored.
/// </summary>
internal sealed class GuardedFormFilter(FormGuard guard, FormTokenLimiter limiter) : IAsyncPageFilter
{
    private static readonly object RefusalKey = new();

    public async Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (context.HandlerInstance is not IGuardedPage page || !HttpMethods.IsPost(http.Request.Method))
        {
            return;
        }

        // A body that is not a well-formed form (broken multipart, too many fields, over the size limit)
        // throws here and is answered by the exception handler with its 4xx (StatusPages.ClientFault).
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : FormCollection.Empty;
        var check = guard.Check(page.GuardedFormName, form);
        int? refusal = check.Outcome switch
        {
            FormCheckOutcome.Accepted => null,
            FormCheckOutcome.Honeypot when page.KeepsHoneypotSubmissions => null,
            _ => StatusCodes.Status400BadRequest,
        };
        if (refusal is null && !limiter.TryAcquire(check.Form!.Token))
        {
            refusal = StatusCodes.Status429TooManyRequests;
        }

        var logical = refusal is null ? check.Logical! : FormCollection.Empty;
        if (refusal is null && check.Outcome == FormCheckOutcome.Honeypot)
        {
            logical = new FormCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>(logical, StringComparer.Ordinal)
            {
                [GuardedForm.HoneypotBait] = "1",
            });
        }

        http.Features.Set<IFormFeature>(new FormFeature(logical));
        if (refusal is { } status)
        {
            http.Items[RefusalKey] = status;
        }
    }

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.HttpContext.Items[RefusalKey] is int status && context.HandlerInstance is IGuardedPage page)
        {
            context.Result = await page.RefuseAsync(status);
            return;
        }

        await next();
    }
}

/// <summary>
/// Per-form-token submission limits: no client identity, only the token a rendering carried. A
/// person sends a rendering once (twice after a back button); a bot replaying one is cut off.
/// </summary>
/// <remarks>
/// Every guarded POST on the node counts here, from many threads at once, so the table is the one
/// piece of mutable state the guard shares between requests. Each entry is an immutable window (its
/// start and count) replaced in one atomic step (<see cref="ConcurrentDictionary{TKey,TValue}.AddOrUpdate{TArg}"/>
/// retries on contention, so no submission is counted twice or lost), and a window that has ended is
/// removed only if it is still the very entry that was found ended (compare-and-remove): nothing is
/// disposed while another request holds it, as a per-token <c>PartitionedRateLimiter</c>, whose idle
/// sweep disposes a partition's limiter between one request's lookup and its acquire, did. Time comes
/// from the injected <see cref="TimeProvider"/>.
/// </remarks>
internal sealed class FormTokenLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _nextSweep;

    private static long Length => RateLimits.FormTokenWindow.Window.Ticks;

    private static int Limit => RateLimits.FormTokenWindow.PermitLimit;

    /// <summary>Tokens with a window still open (for tests: ended windows are swept).</summary>
    internal int Tracked => _windows.Count;

    /// <summary>Counts one submission of <paramref name="token"/>; false beyond the limit.</summary>
    public bool TryAcquire(string token)
    {
        // The key is a short digest: the table never holds the token itself.
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)), 0, 16);
        var now = time.GetUtcNow().UtcTicks;
        var window = _windows.AddOrUpdate(
            key,
            static (_, now) => new Window(now, 1),
            static (_, current, now) => now - current.Start >= Length ? new Window(now, 1) : current with { Count = Math.Min(current.Count + 1, Limit + 1) },
            now);
        SweepIfDue(now);
        return window.Count <= Limit;
    }

    /// <summary>At most once a window, by one thread: drops the windows that have ended.</summary>
    private void SweepIfDue(long now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + Length, due) != due)
        {
            return;
        }

        foreach (var entry in _windows)
        {
            if (now - entry.Value.Start >= Length)
            {
                // Removed only if unchanged: a submission that just opened a new window keeps it.
                _windows.TryRemove(entry);
            }
        }
    }

    private sealed record Window(long Start, int Count);
}
