using System.Net.Mime;
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
        app.UseExceptionHandler(errorApp => errorApp.Run(StatusPages.WriteAsync));
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
        app.MapMethods("/", GetOrHead, RedirectHome).WithMetadata(ListenerMetadata.Both);
        app.MapMethods("/languages", GetOrHead, (HttpContext context) => Results.Redirect("/" + Languages.Negotiate(context.Request.Headers.AcceptLanguage).Code + "/languages"));
        app.MapMethods("/css/site.css", GetOrHead, Stylesheet.Serve).WithMetadata(ListenerMetadata.Both);
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

/// <summary>The small stylesheet, compiled into the assembly so every deployment has it.</summary>
internal static class Stylesheet
{
    private static readonly byte[] Content = ReadAsset("site.css");

    public static IResult Serve(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Bytes(Content, "text/css; charset=utf-8");
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

/// <summary>Plain error pages: no layout, no detail that could leak anything.</summary>
internal static class StatusPages
{
    public static Task WriteAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var title = status switch
        {
            StatusCodes.Status404NotFound => "Not found",
            StatusCodes.Status400BadRequest => "Bad request",
            StatusCodes.Status413PayloadTooLarge => "Request too large",
            StatusCodes.Status429TooManyRequests => "Too many requests, try again in a moment",
            >= 500 => "Something went wrong on our side",
            _ => "Error",
        };
        var home = context.CurrentListener() == Listener.Console ? "/console/" : "/";
        context.Response.ContentType = MediaTypeNames.Text.Html + "; charset=utf-8";
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{status} {title}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main><h1>{status} {title}</h1><p><a href="{home}">Home</a></p></main></body></html>
            """;
        return context.Response.WriteAsync(html);
    }
}
