using System.Text.Json;

namespace Waymark.Content.Reports;

/// <summary>The one way the content outputs write a named array of strings.</summary>
internal static class JsonStrings
{
    public static void Write(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(values);
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
