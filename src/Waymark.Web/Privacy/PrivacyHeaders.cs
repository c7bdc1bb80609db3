namespace Waymark.Web.Privacy;

/// <summary>
/// The strict response headers every Waymark response carries (the privacy baseline): no script
/// can run, nothing loads from another origin, nothing is cached, nothing leaks as a referrer.
/// </summary>
internal sealed class PrivacyHeaders(RequestDelegate next)
{
    /// <summary>No <c>script-src</c>: with <c>default-src 'none'</c>, no script of any kind runs.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), ambient-light-sensor=(), autoplay=(), battery=(), camera=(), display-capture=(), " +
        "document-domain=(), encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), hid=(), " +
        "idle-detection=(), interest-cohort=(), magnetometer=(), microphone=(), midi=(), payment=(), " +
        "picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), " +
        "web-share=(), xr-spatial-tracking=()";

    /// <summary>
    /// The baseline every response carries, in order; <see cref="KestrelRejections"/> writes the same
    /// lines into the answers Kestrel gives by itself (a request it could not parse), which never reach this middleware.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Value)> Baseline =
    [
        ("Content-Security-Policy", ContentSecurityPolicy),
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Cross-Origin-Embedder-Policy", "require-corp"),
        ("Permissions-Policy", PermissionsPolicy),
    ];

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var response = ((HttpContext)state).Response;
            var headers = response.Headers;
            foreach (var (name, value) in Baseline)
            {
                headers[name] = value;
            }

            // Static assets may opt into caching by setting Cache-Control themselves; everything else is dynamic.
            if (string.IsNullOrEmpty(headers.CacheControl))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            headers.Remove("Server");
            headers.Remove("X-Powered-By");
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
