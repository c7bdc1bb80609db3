using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
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
internal sealed class FormTokenLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => RateLimits.FormTokenWindow));

    /// <summary>Counts one submission of <paramref name="token"/>; false beyond the limit.</summary>
    public bool TryAcquire(string token)
    {
        // The partition key is a short digest: the limiter never holds the token itself.
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)), 0, 16);
        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
