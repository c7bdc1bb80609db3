using System.Globalization;
using System.Text.Json;

namespace Waymark.Content.Corpus;

/// <summary>One JSON object per line with the <see cref="PostFields"/> members; ids may be strings or numbers.</summary>
internal static class JsonLinesCorpusReader
{
    public static IEnumerable<Result<PostText>> Posts(TextReader reader, string path, ThreadOffsets offsets)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var post = Parse(line, $"{path} line {number}", offsets);
            yield return post;
            if (!post.IsSuccess)
            {
                yield break;
            }
        }
    }

    private static Result<PostText> Parse(string line, string where, ThreadOffsets offsets)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return Result.Fail<PostText>($"{where}: not valid JSON ({e.Message})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Result.Fail<PostText>($"{where}: expected a JSON object.");
            }

            var root = document.RootElement;
            return PostFields.Make(name => Field(root, name), where, offsets);
        }
    }

    private static string? Field(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True or JsonValueKind.False => value.GetBoolean().ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
    }
}
