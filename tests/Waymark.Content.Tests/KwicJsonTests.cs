using System.Text.Json;
using Waymark.Content.Coding;

namespace Waymark.Content.Tests;

/// <summary>KWIC's JSON, written by hand, is what System.Text.Json's serializer wrote for the same lines, byte for byte.</summary>
public sealed class KwicJsonTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public void The_json_is_the_serializers()
    {
        KwicLine[] lines =
        [
            new("forum/a.txt", 0, "", "feel", "safe here"),
            new("b \"quoted\".jsonl", 1_234_567_890_123, "über <b> & 'it'", "мир", "سلام \t tab \\ slash é\u0301"),
        ];
        var expected = JsonSerializer.Serialize(
            lines.Select(l => new Dictionary<string, object> { ["document"] = l.Document, ["offset"] = l.Offset, ["left"] = l.Left, ["match"] = l.Match, ["right"] = l.Right }),
            Indented);
        Assert.Equal(expected, KeywordInContext.Render(lines, json: true));
        Assert.Equal(JsonSerializer.Serialize(Array.Empty<object>(), Indented), KeywordInContext.Render([], json: true));
    }
}
