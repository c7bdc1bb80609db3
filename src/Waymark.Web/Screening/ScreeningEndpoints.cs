using System.Text.Json;
using Waymark.Screening;
using Waymark.Web.Localization;
using Waymark.Web.Privacy;

namespace Waymark.Web.Screening;

/// <summary>
/// The screening API and the click-through redirect on the public listener. The query is
/// screened in memory and forgotten: only daily counters (screened per language; matched and
/// clicks per language and variant) are kept.
/// </summary>
internal static class ScreeningEndpoints
{
    /// <summary>Longest query screened; search engines cap theirs far below this.</summary>
    public const int MaxQueryLength = 1000;

    public const string ScreenedCounter = "screen:screened";
    public const string MatchedCounter = "screen:matched";
    public const string ShownCounter = "screen:shown";
    public const string ClickCounter = "screen:click";

    public static void MapScreening(this WebApplication app)
    {
        app.MapGet("/api/screen", Screen);
        app.MapGet("/go/{link}", Go);
    }

    private static IResult Screen(HttpContext context, Screener screener, PageViewCounter counter)
    {
        context.Response.Headers.CacheControl = "no-store";
        var queries = context.Request.Query["q"];
        if (queries.Count != 1 || queries[0] is not { } query)
        {
            return Error("Give exactly one query: /api/screen?q=...&lang=xx");
        }

        if (query.Length > MaxQueryLength)
        {
            return Error($"The query is longer than {MaxQueryLength} characters.");
        }

        var language = LanguageOf(context.Request.Query["lang"]);
        var result = screener.Screen(query, language);
        counter.Count(ScreenedCounter, language);
        if (result.Matched)
        {
            counter.Count(MatchedCounter, language + "/" + result.Variant);
        }

        return Results.Text(result.ToJson(), "application/json; charset=utf-8");
    }

    /// <summary>Counts a click on a help link of a warning and sends the visitor to the link's allow-listed target.</summary>
    private static IResult Go(HttpContext context, string link, Screener screener, PageViewCounter counter)
    {
        context.Response.Headers.CacheControl = "no-store";
        var language = LanguageOf(context.Request.Query["lang"]);
        var target = screener.LinkTarget(link, language);
        if (target is null)
        {
            return Results.NotFound();
        }

        var variant = context.Request.Query["v"].ToString();
        counter.Count(ClickCounter, $"{language}/{(screener.IsVariant(variant) ? variant : "none")}/{link}");
        return Results.Redirect(target, permanent: false, preserveMethod: false);
    }

    /// <summary>A supported language code, or English: counters only ever hold known labels.</summary>
    public static string LanguageOf(string? code) =>
        Languages.TryGet(code, out var language) ? language.Code : Languages.DefaultCode;

    private static IResult Error(string message) =>
        Results.Text(JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = message }), "application/json; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
}
