using System.Globalization;
using System.Net;
using System.Net.Mime;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using Waymark.Web.Localization;
using Waymark.Web.Privacy;
using Waymark.Web.Screening;

namespace Waymark.Web.Hosting;

/// <summary>The request pipeline, in order; each step says why it is where it is.</summary>
internal static class Pipeline
{
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static void Configure(WebApplication app)
    {
        // Headers first, so that even errors and 404s carry them.
        app.UseMiddleware<PrivacyHeaders>();
        app.UseMiddleware<PrivateRequestLog>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = StatusPages.WriteAsync,
            // A request the client got wrong (a body over the size limit, a form with too many fields, a
            // broken multipart body) is answered with its 4xx and logged nowhere: no stack trace per request.
            StatusCodeSelector = exception => StatusPages.ClientFault(exception) ?? StatusCodes.Status500InternalServerError,
            SuppressDiagnosticsCallback = context => StatusPages.ClientFault(context.Exception) is not null,
        });
        app.UseStatusCodePages(context => StatusPages.WriteAsync(context.HttpContext));
        // Before routing: a flood is shed for the least work (RateLimits: no client identity needed).
        app.UseRateLimiter();
        app.UseRouting();
        app.UseMiddleware<ListenerGate>();
        // Console sign-in exists on the console listener only: the public listener never reads or sets its cookies.
        // WebApplication would otherwise add authentication for every request at the very start of the pipeline
        // (it cannot see a call inside a branch); these are the keys it checks. ConsoleRouteTests proves the effect.
        ((IApplicationBuilder)app).Properties["__AuthenticationMiddlewareSet"] = true;
        ((IApplicationBuilder)app).Properties["__AuthorizationMiddlewareSet"] = true;
        app.UseWhen(context => context.CurrentListener() == Listener.Console, console =>
        {
            console.UseAuthentication();
            console.UseAuthorization();
        });
        app.UseMiddleware<RequestLanguage>();
        app.UseMiddleware<PageViewCounting>();
        app.UseAntiforgery();

        // HEAD is answered like GET, without a body (Kestrel drops it); Razor Pages do the same by themselves.
        app.MapMethods("/", GetOrHead, RedirectHome).WithMetadata(ListenerMetadata.PublicAndConsole);
        app.MapMethods("/languages", GetOrHead, (HttpContext context) => Results.Redirect("/" + Languages.Negotiate(context.Request.Headers.AcceptLanguage).Code + "/languages"));
        app.MapMethods("/css/site.css", GetOrHead, Stylesheet.Serve).WithMetadata(ListenerMetadata.PublicAndConsole);
        app.MapMethods("/css/warning.css", GetOrHead, Stylesheet.ServeWarning).WithMetadata(new ListenerMetadata(Listener.Public, Listener.Operator));
        app.MapScreening();
        app.MapRazorPages();
    }

    /// <summary>
    /// "/" is the only place where the browser's language is used, and only to pick a default:
    /// Tor Browser sends the same header for everyone, and every page links the language list.
    /// </summary>
    private static IResult RedirectHome(HttpContext context)
    {
        if (context.CurrentListener() == Listener.Console)
        {
            return Results.Redirect("/console");
        }

        context.Response.Headers.Vary = new StringValues("Accept-Language");
        var language = Languages.Negotiate(context.Request.Headers.AcceptLanguage);
        return Results.Redirect("/" + language.Code + "/");
    }
}

/// <summary>
/// The small stylesheet, compiled into the assembly so every deployment has it: the site's rules and the
/// warning's (which are also served alone, for a search engine that embeds the warning fragment).
/// </summary>
internal static class Stylesheet
{
    private static readonly byte[] Warning = ReadAsset("warning.css");

    private static readonly byte[] Content = [.. ReadAsset("site.css"), .. Warning];

    public static IResult Serve(HttpContext context) => Css(context, Content);

    public static IResult ServeWarning(HttpContext context) => Css(context, Warning);

    private static IResult Css(HttpContext context, byte[] content)
    {
        context.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Bytes(content, "text/css; charset=utf-8");
    }

    private static byte[] ReadAsset(string name)
    {
        var assembly = typeof(Stylesheet).Assembly;
        using var stream = assembly.GetManifestResourceStream($"{assembly.GetName().Name}.Assets.{name}")
            ?? throw new InvalidOperationException($"Embedded asset {name} is missing.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}

/// <summary>
/// Plain error pages: no layout, no detail that could leak anything; in the language of the URL on the
/// public listener (<c>/de/…</c> gives German), in English elsewhere and on the console.
/// </summary>
internal static class StatusPages
{
    public static Task WriteAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            // A program calls the API: its errors are JSON too, never an HTML page (nor Kestrel's empty answer).
            return Screening.ScreeningEndpoints.WriteErrorAsync(context.Response, status, ApiError(status));
        }

        var console = context.CurrentListener() == Listener.Console;
        var language = !console && Languages.TryGet(FirstSegment(context.Request.Path), out var fromPath) ? fromPath : Languages.Default;
        var key = status switch
        {
            StatusCodes.Status404NotFound => "Status.NotFound",
            StatusCodes.Status400BadRequest => "Status.BadRequest",
            StatusCodes.Status413PayloadTooLarge => "Status.TooLarge",
            StatusCodes.Status429TooManyRequests => "Status.TooMany",
            >= 500 => "Status.Server",
            _ => "Status.Other",
        };
        CultureInfo.CurrentUICulture = language.Culture;
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var title = WebUtility.HtmlEncode(text[key].Value);
        var homeText = WebUtility.HtmlEncode(text["Nav.Home"].Value);
        var home = console ? "/console/" : "/" + language.Code + "/";
        context.Response.ContentType = MediaTypeNames.Text.Html + "; charset=utf-8";
        var html = $"""
            <!DOCTYPE html>
            <html lang="{language.Code}" dir="{language.Direction}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{status} {title}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main><h1>{status} {title}</h1><p><a href="{home}">{homeText}</a></p></main></body></html>
            """;
        return context.Response.WriteAsync(html);
    }

    private static string ApiError(int status) => status switch
    {
        StatusCodes.Status404NotFound => "No such API route on this listener.",
        StatusCodes.Status405MethodNotAllowed => "This method is not allowed here.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status429TooManyRequests => "Too many requests: try again in a moment.",
        >= 500 => "The server failed to answer.",
        _ => "The request could not be read.",
    };

    /// <summary>
    /// The 4xx status of an exception that only a malformed or oversized request causes (reading its
    /// body or form), or null for anything else, which stays a 500 and is logged.
    /// </summary>
    public static int? ClientFault(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        // The form reader's limits (value count, key and value length, multipart section and body length) and broken multipart.
        InvalidDataException => StatusCodes.Status400BadRequest,
        // A multipart body that ends before its boundary: the form readers' own IOException (a failing disk
        // or a closed connection comes from elsewhere and stays what it is).
        IOException { Source: "Microsoft.AspNetCore.WebUtilities" } => StatusCodes.Status400BadRequest,
        _ => null,
    };

    private static string? FirstSegment(PathString path)
    {
        var value = path.Value;
        if (string.IsNullOrEmpty(value) || value.Length < 2)
        {
            return null;
        }

        var end = value.IndexOf('/', 1);
        return end < 0 ? value[1..] : value[1..end];
    }
}
