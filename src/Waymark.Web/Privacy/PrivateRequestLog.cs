using System.Diagnostics;
using Waymark.Web.Hosting;

namespace Waymark.Web.Privacy;

/// <summary>
/// Replaces the framework's request logging (which is switched off in <see cref="WaymarkLogging"/>).
/// Public requests (and the operator listener's screening calls) are not logged one by one: a line per request would be a timing record of
/// each visitor. Only failures (status 500 and above) are logged, by route pattern and status.
/// Console requests are logged by route pattern, status and duration. Never logged: the path's
/// values, the query string, the client address, any header or form value.
/// </summary>
internal sealed partial class PrivateRequestLog(RequestDelegate next, ILogger<PrivateRequestLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        await next(context).ConfigureAwait(false);
        var status = context.Response.StatusCode;
        var listener = context.CurrentListener();
        if (listener != Listener.Console && status < 500)
        {
            return;
        }

        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        var milliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (status >= 500)
        {
            LogFailure(logger, listener, context.Request.Method, route, status);
        }
        else
        {
            LogConsoleRequest(logger, context.Request.Method, route, status, milliseconds);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "{Listener} {Method} {Route} failed with status {Status}")]
    private static partial void LogFailure(ILogger logger, Listener listener, string method, string route, int status);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Console {Method} {Route} {Status} in {Milliseconds} ms")]
    private static partial void LogConsoleRequest(ILogger logger, string method, string route, int status, long milliseconds);
}
