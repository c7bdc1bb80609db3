namespace Waymark.Web.Hosting;

/// <summary>
/// Runs after routing: an endpoint that the listener does not serve is treated as absent, so
/// console routes answer 404 on the public listener, public routes 404 on the console, and the
/// operator listener answers only the screening API. Endpoints without <see cref="ListenerMetadata"/> are public.
/// </summary>
internal sealed class ListenerGate(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is not null)
        {
            if (!ListenerMetadata.Of(endpoint).Serves(context.CurrentListener()))
            {
                context.SetEndpoint(null);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
        }

        return next(context);
    }
}

internal static class ListenerHttpContextExtensions
{
    /// <summary>
    /// The listener that accepted this request. A connection that no Waymark listener tagged
    /// (which only a misconfiguration could produce) is treated as public, the stricter side.
    /// </summary>
    public static Listener CurrentListener(this HttpContext context) =>
        context.Features.Get<ListenerFeature>()?.Listener ?? Listener.Public;
}
