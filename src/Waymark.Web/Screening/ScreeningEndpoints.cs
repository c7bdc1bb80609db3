using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Waymark.Screening;
using Waymark.SelfHelp.Content;
using Waymark.SelfHelp.Listing;
using Waymark.Web.Hosting;
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

    /// <summary>Most strings (result titles) one batch call screens.</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>Largest body of a single screening or shown call (a query of the longest, percent-encoded, and its language).</summary>
    public const int MaxSingleBodyBytes = 16 * 1024;

    /// <summary>Largest body of a batch call (1,000 strings of 1,000 characters, percent-encoded, fit within it with room to spare).</summary>
    public const int MaxBatchBodyBytes = 1024 * 1024;

    public const string ScreenedCounter = "screen:screened";
    public const string MatchedCounter = "screen:matched";
    public const string ShownCounter = "screen:shown";
    public const string ClickCounter = "screen:click";
    public const string ReportCounter = "screen:report";

    private const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>The help link whose target a country chosen by the visitor may change (<see cref="HelpDirectory.HelplineIn"/>).</summary>
    public const string HelplineLink = "helpline";

    public static void MapScreening(this WebApplication app)
    {
        // The API is always on the operator listener (when there is one), and on the public listener unless switched off there.
        var api = app.Services.GetRequiredService<ServerSettings>().ScreeningApiOnPublic
            ? new ListenerMetadata(Listener.Public, Listener.Operator)
            : new ListenerMetadata(Listener.Operator);
        app.MapGet("/api/screen", Screen).WithMetadata(api);
        app.MapPost("/api/screen", ScreenPostedAsync).WithMetadata(api);
        app.MapPost("/api/screen/batch", ScreenBatchAsync).WithMetadata(api);
        app.MapPost("/api/screen/shown", CountShownAsync).WithMetadata(api);
        app.MapGet("/go/{link}", Go);
    }

    /// <summary><c>GET /api/screen?q=…&amp;lang=…</c>: the query in the URL (which proxies may log: prefer POST).</summary>
    private static IResult Screen(HttpContext context, Screener screener, PageViewCounter counter)
    {
        // The query string is decoded here, not by ASP.NET Core: an escape that is not UTF-8 ("%ff")
        // must become U+FFFD, as it does for a search engine's own filter, never stay as the text "%ff".
        var raw = System.Text.Encoding.UTF8.GetBytes(context.Request.QueryString.Value?.TrimStart('?') ?? "");
        var fields = FormFields(raw);
        return Answer(context, screener, counter, fields.GetValueOrDefault("q") ?? [], fields.GetValueOrDefault("lang")?.FirstOrDefault());
    }

    /// <summary>
    /// <c>POST /api/screen</c>: the query in the body, so that no proxy or access log in between writes it down;
    /// <c>q=…&amp;lang=…</c> form-encoded or <c>{"q":"…","lang":"…"}</c>. The same answer as the GET.
    /// </summary>
    private static async Task<IResult> ScreenPostedAsync(HttpContext context, Screener screener, PageViewCounter counter)
    {
        if (Refuse(context, MaxSingleBodyBytes) is { } refusal)
        {
            return refusal;
        }

        var body = await ReadFieldsAsync(context).ConfigureAwait(false);
        if (!body.IsSuccess)
        {
            return Error(body.Error!);
        }

        var fields = body.Value!;
        return fields.Strings.TryGetValue("q", out var queries) && queries.Count > 1 && fields.IsJson
            ? Error("Give one query as a string: {\"q\":\"...\",\"lang\":\"xx\"} (many strings: /api/screen/batch).")
            : Answer(context, screener, counter, fields.Strings.GetValueOrDefault("q") ?? [], fields.Strings.GetValueOrDefault("lang")?.FirstOrDefault());
    }

    private static IResult Answer(HttpContext context, Screener screener, PageViewCounter counter, List<string> queries, string? lang)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (queries.Count != 1)
        {
            return Error("Give exactly one query: q=...&lang=xx (POST body or query string).");
        }

        var query = queries[0];
        if (query.Length > MaxQueryLength)
        {
            return Error($"The query is longer than {MaxQueryLength} characters.");
        }

        var language = LanguageOf(lang);
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

        return Results.Text(result.ToJson(), JsonContentType);
    }

    /// <summary>
    /// <c>POST /api/screen/batch</c>: many strings at once (a page of result titles), <c>q</c> repeated in a form or
    /// <c>{"q":["…","…"],"lang":"…"}</c>; answers <c>{"results":[{"matched","category"},…]}</c> in order. Not counted:
    /// these are the engine's results, not searches.
    /// </summary>
    private static async Task<IResult> ScreenBatchAsync(HttpContext context, Screener screener)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (Refuse(context, MaxBatchBodyBytes) is { } refusal)
        {
            return refusal;
        }

        var body = await ReadFieldsAsync(context).ConfigureAwait(false);
        if (!body.IsSuccess)
        {
            return Error(body.Error!);
        }

        var texts = body.Value!.Strings.GetValueOrDefault("q") ?? [];
        if (texts.Count > MaxBatchSize)
        {
            return Error($"At most {MaxBatchSize} strings in one call; this one has {texts.Count}.");
        }

        for (var i = 0; i < texts.Count; i++)
        {
            if (texts[i].Length > MaxQueryLength)
            {
                return Error($"String {i} is longer than {MaxQueryLength} characters.");
            }
        }

        var language = LanguageOf(body.Value.Strings.GetValueOrDefault("lang")?.FirstOrDefault());
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("page_language", language);
            json.WriteStartArray("results");
            foreach (var text in texts)
            {
                var term = screener.FindTerm(text, language);
                json.WriteStartObject();
                json.WriteBoolean("matched", term is not null);
                json.WriteString("category", term?.Category);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Results.Bytes(buffer.ToArray(), JsonContentType);
    }

    /// <summary>
    /// <c>POST /api/screen/shown</c>: the engine rendered a warning from the JSON itself and showed it; counts
    /// <c>screen:shown</c> for the variant (<c>v</c>) and the searcher's language (<c>lang</c>, the answer's
    /// <c>page_language</c>), as the warning page counts its showings. POST only: no link checker or HEAD counts.
    /// </summary>
    private static async Task<IResult> CountShownAsync(HttpContext context, Screener screener, PageViewCounter counter)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (Refuse(context, MaxSingleBodyBytes) is { } refusal)
        {
            return refusal;
        }

        var body = await ReadFieldsAsync(context).ConfigureAwait(false);
        if (!body.IsSuccess)
        {
            return Error(body.Error!);
        }

        var variants = body.Value!.Strings.GetValueOrDefault("v") ?? [];
        if (variants.Count != 1 || !screener.IsVariant(variants[0]))
        {
            return Error("Give the variant shown: v=... (the answer's \"variant\") and lang=... (its \"page_language\").");
        }

        var language = LanguageOf(body.Value.Strings.GetValueOrDefault("lang")?.FirstOrDefault());
        counter.Count(ShownCounter, language + "/" + variants[0]);
        return Results.Text(JsonSerializer.Serialize(new Dictionary<string, string> { ["counted"] = language + "/" + variants[0] }), JsonContentType);
    }

    /// <summary>The fields of a POST body: form-encoded (decoded as the query string is) or a JSON object of strings and arrays of strings.</summary>
    private sealed record PostedFields(Dictionary<string, List<string>> Strings, bool IsJson);

    /// <summary>The answer for a body that is not form-encoded or JSON, or that says it is larger than <paramref name="limit"/>; null to read it.</summary>
    private static IResult? Refuse(HttpContext context, int limit)
    {
        var request = context.Request;
        if (!IsForm(request) && !IsJson(request))
        {
            return Error("Send the body as application/x-www-form-urlencoded or application/json (UTF-8).", StatusCodes.Status415UnsupportedMediaType);
        }

        if (request.ContentLength > limit)
        {
            return Error($"The body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        // A body without a length (chunked) is cut at the limit by the server: 413, answered as JSON by the status pages.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        return null;
    }

    /// <summary>The body's fields (after <see cref="Refuse"/>); a failure names what is wrong with a JSON body.</summary>
    private static async Task<Result<PostedFields>> ReadFieldsAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (!IsJson(context.Request))
        {
            return Result.Ok(new PostedFields(FormFields(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), false));
        }

        var fields = JsonFields(buffer.ToArray());
        return fields is null
            ? Result.Fail<PostedFields>("The body is not a JSON object of strings (or arrays of strings), such as {\"q\":\"...\",\"lang\":\"en\"}.")
            : Result.Ok(new PostedFields(fields, true));
    }

    private static bool IsJson(HttpRequest request) => MediaType(request) == "application/json";

    private static bool IsForm(HttpRequest request) => MediaType(request) == "application/x-www-form-urlencoded";

    private static string? MediaType(HttpRequest request) =>
        System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType?.ToLowerInvariant() : null;

    /// <summary>A JSON object's string and string-array members (invalid UTF-8 read as U+FFFD); null when it is not such an object.</summary>
    private static Dictionary<string, List<string>>? JsonFields(byte[] body)
    {
        try
        {
            // Invalid UTF-8 is read as U+FFFD, as in a form body, rather than refused.
            using var document = JsonDocument.Parse(System.Text.Encoding.UTF8.GetString(body), new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var fields = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var values = fields.TryGetValue(property.Name, out var existing) ? existing : fields[property.Name] = [];
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        values.Add(property.Value.GetString()!);
                        break;
                    case JsonValueKind.Array:
                        foreach (var item in property.Value.EnumerateArray())
                        {
                            if (item.ValueKind != JsonValueKind.String)
                            {
                                return null;
                            }

                            values.Add(item.GetString()!);
                        }

                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        return null;
                }
            }

            return fields;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Malformed JSON, or a string with a lone surrogate escape ("\ud800") that has no UTF-16 reading.
            return null;
        }
    }

    /// <summary>Counts a click on a help link of a warning and sends the visitor to the link's allow-listed target.</summary>
    private static IResult Go(HttpContext context, string link, Screener screener, PageViewCounter counter, ContentLibrary content)
    {
        context.Response.Headers.CacheControl = "no-store";
        var language = LanguageOf(context.Request.Query["lang"]);
        var target = screener.LinkTarget(link, language);
        if (target is null)
        {
            return Results.NotFound();
        }

        // A country the visitor chose on the warning (never looked up): the directory's service there, where it knows
        // one; otherwise the link for the language. The country is not counted, so the counters stay as they were.
        if (link == HelplineLink && content.HelpDirectory.HelplineIn(context.Request.Query["country"].ToString(), language) is { } service)
        {
            target = HelpDirectory.WebAddressOf(service)!;
        }

        var variant = context.Request.Query["v"].ToString();
        counter.Count(ClickCounter, $"{language}/{(screener.IsVariant(variant) ? variant : "none")}/{link}");
        return Results.Redirect(target, permanent: false, preserveMethod: false);
    }

    /// <summary>
    /// The fields of a raw query string or form body (<c>a=1&amp;b=2</c>), by name: <c>+</c> is a space and
    /// percent-escapes are decoded as UTF-8 bytes, each invalid sequence read as U+FFFD.
    /// </summary>
    internal static Dictionary<string, List<string>> FormFields(ReadOnlySpan<byte> raw)
    {
        var fields = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        while (!raw.IsEmpty)
        {
            var end = raw.IndexOf((byte)'&');
            var pair = end < 0 ? raw : raw[..end];
            raw = end < 0 ? ReadOnlySpan<byte>.Empty : raw[(end + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf((byte)'=');
            var key = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            (fields.TryGetValue(key, out var values) ? values : fields[key] = []).Add(value);
        }

        return fields;
    }

    private static string Decode(ReadOnlySpan<byte> text)
    {
        var bytes = new byte[text.Length];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'+')
            {
                bytes[length++] = (byte)' ';
            }
            else if (c == (byte)'%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes[length++] = (byte)((Uri.FromHex((char)text[i + 1]) << 4) | Uri.FromHex((char)text[i + 2]));
                i += 2;
            }
            else
            {
                bytes[length++] = c;
            }
        }

        return System.Text.Encoding.UTF8.GetString(bytes, 0, length); // invalid sequences become U+FFFD
    }

    private static bool IsHex(byte b) => b < 128 && Uri.IsHexDigit((char)b);

    /// <summary>
    /// A supported language code for a search engine's (<c>pt-br</c> is <c>pt</c>, <c>en-us</c> is <c>en</c>), else
    /// English: counters only ever hold known labels.
    /// </summary>
    public static string LanguageOf(string? code) => Languages.Resolve(code).Code;

    private static IResult Error(string message, int status = StatusCodes.Status400BadRequest) =>
        Results.Text(ErrorJson(message), JsonContentType, statusCode: status);

    private static string ErrorJson(string message) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = message });

    /// <summary>An API error as the endpoints write it, for the status pages of <c>/api/</c> routes (404, 413, 429…).</summary>
    public static Task WriteErrorAsync(HttpResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = JsonContentType;
        response.Headers.CacheControl = "no-store";
        return response.WriteAsync(ErrorJson(message));
    }
}
