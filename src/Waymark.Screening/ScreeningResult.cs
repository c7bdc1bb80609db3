using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Waymark.Screening;

/// <summary>A help link of a warning: id, title in the warning's language, and the click-through address.</summary>
public sealed record ScreeningLink(string Id, string Title, string Url);

/// <summary>
/// The answer for one query. When <see cref="Matched"/>, the warning to show: the variant, its
/// message in <see cref="Language"/> and the help links. Never holds the query.
/// </summary>
public sealed record ScreeningResult(bool Matched, string? Category, string? Variant, string? Message, string Language, IReadOnlyList<ScreeningLink> Links)
{
    public static ScreeningResult NotMatched(string language) => new(false, null, null, null, language, []);

    /// <summary>
    /// The JSON of the API and the command line: <c>{"matched","category","variant","message","language","links":[{"id","title","url"}]}</c>.
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
        json.WriteString("category", Category);
        json.WriteString("variant", Variant);
        json.WriteString("message", Message);
        json.WriteString("language", Language);
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
