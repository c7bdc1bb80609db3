using System.Text.Json;
using Waymark.Screening;
using Waymark.Web.Localization;
using Waymark.Web.Privacy;

namespace Waymark.Web.Screening;

/// <summary>
/// The screening API and the click-through redirect on the public listener. The query is
/// screened in memory and forgotten: only daily counters (screened and sent to the reporting page
/// per language; matched and clicks per language and variant) are kept.
/// </summary>
internal static class ScreeningEndpoints
{
    /// <summary>Longest query screened; search engines cap theirs far below this.</summary>
    public const int MaxQueryLength = 1000;

    public const string ScreenedCounter = "screen:screened";
    public const string MatchedCounter = "screen:matched";
    public const string ShownCounter = "screen:shown";
    public const string ClickCounter = "screen:click";
    public const string ReportCounter = "screen:report";

    public static void MapScreening(this WebApplication app)
    {
        app.MapGet("/api/screen", Screen);
        app.MapGet("/go/{link}", Go);
    }

    private static IResult Screen(HttpContext context, Screener screener, PageViewCounter counter)
    {
        context.Response.Headers.CacheControl = "no-store";
        // The query string is decoded here, not by ASP.NET Core: an escape that is not UTF-8 ("%ff")
        // must become U+FFFD, as it does for a search engine's own filter, never stay as the text "%ff".
        var queries = QueryValues(context.Request.QueryString.Value, "q");
        if (queries.Count != 1)
        {
            return Error("Give exactly one query: /api/screen?q=...&lang=xx");
        }

        var query = queries[0];

        if (query.Length > MaxQueryLength)
        {
            return Error($"The query is longer than {MaxQueryLength} characters.");
        }

        var language = LanguageOf(context.Request.Query["lang"]);
        var result = screener.Screen(query, language);
        counter.Count(ScreenedCounter, language);
        if (result.IsReport)
        {
            counter.Count(ReportCounter, language);
        }
        else if (result.Matched)
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

    /// <summary>
    /// The values of one parameter of a raw query string (<c>?a=1&amp;b=2</c>): <c>+</c> is a space and
    /// percent-escapes are decoded as UTF-8 bytes, each invalid sequence read as U+FFFD.
    /// </summary>
    internal static List<string> QueryValues(string? queryString, string name)
    {
        var values = new List<string>();
        if (string.IsNullOrEmpty(queryString))
        {
            return values;
        }

        foreach (var pair in queryString.TrimStart('?').Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            if (string.Equals(Decode(key), name, StringComparison.Ordinal))
            {
                values.Add(equals < 0 ? "" : Decode(pair[(equals + 1)..]));
            }
        }

        return values;
    }

    private static string Decode(string text)
    {
        if (text.IndexOfAny(['%', '+']) < 0)
        {
            return text;
        }

        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add((byte)((Uri.FromHex(text[i + 1]) << 4) | Uri.FromHex(text[i + 2])));
                i += 2;
            }
            else
            {
                var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(text.Substring(i, pair ? 2 : 1)));
                i += pair ? 1 : 0;
            }
        }

        return System.Text.Encoding.UTF8.GetString([.. bytes]); // invalid sequences become U+FFFD
    }

    /// <summary>A supported language code, or English: counters only ever hold known labels.</summary>
    public static string LanguageOf(string? code) =>
        Languages.TryGet(code, out var language) ? language.Code : Languages.DefaultCode;

    private static IResult Error(string message) =>
        Results.Text(JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = message }), "application/json; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
}
