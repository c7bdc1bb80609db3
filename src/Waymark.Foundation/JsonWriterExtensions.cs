using System.Text.Json;

namespace Waymark;

/// <summary>Report primitives every JSON output of Waymark shares.</summary>
public static class JsonWriterExtensions
{
    /// <summary>Writes <paramref name="values"/> as the array property <paramref name="name"/>, in their order.</summary>
    public static void WriteStringArray(this Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(values);
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
