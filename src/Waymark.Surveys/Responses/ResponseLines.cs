using System.Globalization;
using System.Text.Json;

namespace Waymark.Surveys.Responses;

/// <summary>
/// Responses as JSON Lines, one object per line:
/// <c>{"id":"…","date":"2026-11-27"|null,"version":"3","language":"ar","duration_s":240,"answers":{"name":"raw"},"flags":["…"]}</c>
/// (<c>version</c>, <c>language</c> and <c>duration_s</c> are optional: left out when not recorded).
/// The format <c>waymark survey export</c> reads and the response store can write.
/// </summary>
public static class ResponseLines
{
    public static string Write(SurveyResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("id", response.Id);
            if (response.Date is { } date)
            {
                w.WriteString("date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            else
            {
                w.WriteNull("date");
            }

            if (response.Version is { } version)
            {
                w.WriteString("version", version);
            }

            if (response.Language is { } language)
            {
                w.WriteString("language", language);
            }

            if (response.DurationSeconds is { } duration)
            {
                w.WriteNumber("duration_s", duration);
            }

            w.WriteStartObject("answers");
            foreach (var (name, value) in response.Answers.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
            w.WriteStartArray("flags");
            foreach (var flag in response.Flags)
            {
                w.WriteStringValue(flag);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads every line; a malformed line is an error naming its line number, not an exception.</summary>
    public static (IReadOnlyList<SurveyResponse> Responses, string? Error) Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var responses = new List<SurveyResponse>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                responses.Add(Parse(line));
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                return (responses, $"line {number}: not a response record ({e.Message})");
            }
        }

        return (responses, null);
    }

    private static SurveyResponse Parse(string line)
    {
        using var document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 8 });
        var root = document.RootElement;
        var id = root.GetProperty("id").GetString() ?? throw new FormatException("id is null");
        DateOnly? date = root.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String
            ? DateOnly.ParseExact(d.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in root.GetProperty("answers").EnumerateObject())
        {
            answers[property.Name] = property.Value.GetString() ?? string.Empty;
        }

        var flags = new List<string>();
        if (root.TryGetProperty("flags", out var f))
        {
            foreach (var flag in f.EnumerateArray())
            {
                flags.Add(flag.GetString() ?? string.Empty);
            }
        }

        return new SurveyResponse(id, date, answers, flags)
        {
            Version = Text(root, "version"),
            Language = Text(root, "language"),
            DurationSeconds = root.TryGetProperty("duration_s", out var duration) && duration.ValueKind == JsonValueKind.Number ? duration.GetInt32() : null,
        };
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
