using System.Globalization;
using System.Text;
using System.Text.Json;
using Waymark.Content.Corpus;
using Waymark.Text;

namespace Waymark.Content.Coding;

/// <summary>One keyword-in-context line: the match with up to N words either side, within its paragraph.</summary>
public sealed record KwicLine(string Document, long Offset, string Left, string Match, string Right);

internal static class KeywordInContext
{
    public static Result<List<KwicLine>> Lines(CorpusSource source, PatternMatcher matcher, int code, int width)
    {
        var scratch = matcher.CreateScratch();
        var matches = new List<PatternMatch>();
        var lines = new List<KwicLine>();
        foreach (var paragraph in source.Paragraphs())
        {
            if (!paragraph.IsSuccess)
            {
                return Result.Fail<List<KwicLine>>(paragraph.Error!);
            }

            var text = paragraph.Value!.Text;
            matches.Clear();
            matcher.FindAll(text, scratch, matches);
            foreach (var match in matches.Where(m => m.PatternId == code))
            {
                lines.Add(new KwicLine(
                    paragraph.Value.Post.DocumentId,
                    paragraph.Value.Offset + match.Start,
                    string.Join(' ', Words(text[..match.Start]).TakeLast(width)),
                    OneLine(text.Substring(match.Start, match.Length)),
                    string.Join(' ', Words(text[match.End..]).Take(width))));
            }
        }

        return Result.Ok(lines);
    }

    /// <summary>Tab-separated lines (document:offset, left, match, right), or a JSON array of objects.</summary>
    public static string Render(IReadOnlyList<KwicLine> lines, bool json)
    {
        if (json)
        {
            return Json(lines);
        }

        var output = new StringBuilder();
        var leftWidth = lines.Count == 0 ? 0 : Math.Min(60, lines.Max(l => l.Left.Length));
        foreach (var line in lines)
        {
            output.Append(CultureInfo.InvariantCulture, $"{line.Document}:{line.Offset}\t{line.Left.PadLeft(leftWidth)}\t{line.Match}\t{line.Right}\n");
        }

        return output.ToString().TrimEnd('\n');
    }

    // Written by hand rather than by the reflection-based serializer, so that the command compiled ahead of time
    // (docs/adr/0059-coding-compiled-ahead-of-time.md) writes it too: the same text, indented by two spaces.
    private static string Json(IReadOnlyList<KwicLine> lines)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var line in lines)
            {
                json.WriteStartObject();
                json.WriteString("document", line.Document);
                json.WriteNumber("offset", line.Offset);
                json.WriteString("left", line.Left);
                json.WriteString("match", line.Match);
                json.WriteString("right", line.Right);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string[] Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static string OneLine(string text) => string.Join(' ', Words(text));
}
