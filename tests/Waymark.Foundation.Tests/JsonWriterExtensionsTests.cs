using System.Text;
using System.Text.Json;

namespace Waymark.Foundation.Tests;

public sealed class JsonWriterExtensionsTests
{
    [Fact]
    public void A_string_array_keeps_order_and_escapes_as_json_requires()
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStringArray("words", ["b", "a \"quoted\"", "ä"]);
            json.WriteStringArray("none", []);
            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray()));
        Assert.Equal(["b", "a \"quoted\"", "ä"], document.RootElement.GetProperty("words").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(0, document.RootElement.GetProperty("none").GetArrayLength());
    }
}
