using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Waymark.Screening;

/// <summary>A help link of a warning: id, title in the warning's language, and the click-through address.</summary>
public sealed record ScreeningLink(string Id, string Title, string Url);

/// <summary>
/// The answer for one query. When <see cref="Matched"/>, what to show: for <see cref="Intent"/> <c>warning</c>
/// the warning (the variant, its message in <see cref="Language"/> and the help links); for <c>report</c> (the
/// query also asks how or where to report) the way to the reporting page, with no variant. Never holds the query.
/// <see cref="Language"/> is the language the message is written in (English when the searcher's language lacks the
/// variant); <see cref="PageLanguage"/> the searcher's language the page, the links and the counters use;
/// <see cref="WarningUrl"/> the page to send the searcher to (absolute with a link base), null without a match.
/// </summary>
public sealed record ScreeningVerdict(bool Matched, string? Category, string? Variant, string? Message, string Language, IReadOnlyList<ScreeningLink> Links, string? Intent = null, string? WarningUrl = null, string? PageLanguage = null)
{
    /// <summary>The intent of a matched query that gets the stop-searching warning.</summary>
    public const string WarningIntent = "warning";

    /// <summary>The intent of a matched query that asks how or where to report: it gets the reporting page.</summary>
    public const string ReportIntent = "report";

    public static ScreeningVerdict NotMatched(string language) => new(false, null, null, null, language, []);

    /// <summary>True when the query asks how or where to report: show the reporting page, not the warning.</summary>
    public bool IsReport => Intent == ReportIntent;

    /// <summary>
    /// The JSON of the API and the command line:
    /// <c>{"matched","intent","category","variant","message","language","page_language","warning_url","links":[{"id","title","url"}]}</c>.
    /// Non-ASCII text is written as it is (relaxed escaping): the JSON is served as application/json, never inside HTML.
    /// </summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteTo(json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public void WriteTo(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteBoolean("matched", Matched);
        json.WriteString("intent", Intent);
        json.WriteString("category", Category);
        json.WriteString("variant", Variant);
        json.WriteString("message", Message);
        json.WriteString("language", Language);
        json.WriteString("page_language", PageLanguage ?? Language);
        json.WriteString("warning_url", WarningUrl);
        json.WriteStartArray("links");
        foreach (var link in Links)
        {
            json.WriteStartObject();
            json.WriteString("id", link.Id);
            json.WriteString("title", link.Title);
            json.WriteString("url", link.Url);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
