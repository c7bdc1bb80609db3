using System.Text.Json;
using System.Text.Json.Serialization;

namespace Waymark.Responses;

/// <summary>
/// One completed response as the researcher reads it: the plaintext that is sealed (or stored as
/// it is when the instrument has no public key). Answers are XLSForm values as text
/// (<c>select_multiple</c> space-separated, as ODK stores them); per-page durations are whole
/// seconds; flags are the data-quality flags found at submission.
/// </summary>
public sealed record ResponseRecord
{
    /// <summary>Version of this JSON layout, so that old exports stay readable.</summary>
    public const int CurrentFormat = 1;

    [JsonPropertyName("format")]
    public int Format { get; init; } = CurrentFormat;

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("instrument")]
    public required string Instrument { get; init; }

    [JsonPropertyName("version")]
    public string Version { get; init; } = string.Empty;

    [JsonPropertyName("language")]
    public string Language { get; init; } = string.Empty;

    [JsonPropertyName("day")]
    public DateOnly? Day { get; init; }

    [JsonPropertyName("answers")]
    public required IReadOnlyDictionary<string, string> Answers { get; init; }

    /// <summary>Seconds spent on each page shown, rounded, in the order shown.</summary>
    [JsonPropertyName("page_seconds")]
    public IReadOnlyList<int> PageSeconds { get; init; } = [];

    /// <summary>Questions answered (the unit of the one-second-per-item speeding rule).</summary>
    [JsonPropertyName("items")]
    public int Items { get; init; }

    [JsonPropertyName("flags")]
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>
    /// The time on the pages in all (the sum of <see cref="PageSeconds"/>) rounded to the nearest <see cref="Surveys.Responses.SurveyResponse.DurationStepSeconds"/>
    /// seconds, or null when no page time was recorded: what the exports' <c>duration_s</c> and the console show, never a time of day.
    /// </summary>
    [JsonIgnore]
    public int? DurationSeconds => PageSeconds.Count == 0
        ? null
        : (int)(Math.Round(PageSeconds.Sum(s => (long)s) / (double)Step, MidpointRounding.AwayFromZero) * Step);

    private const int Step = Surveys.Responses.SurveyResponse.DurationStepSeconds;

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Options);

    public static Result<ResponseRecord> FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            var record = JsonSerializer.Deserialize<ResponseRecord>(json, Options);
            return record is null
                ? Result.Fail<ResponseRecord>("The response is empty.")
                : record.Format > CurrentFormat
                    ? Result.Fail<ResponseRecord>($"The response has format {record.Format}; this version of Waymark reads up to {CurrentFormat}.")
                    : Result.Ok(record);
        }
        catch (JsonException exception)
        {
            return Result.Fail<ResponseRecord>("The response is not valid JSON: " + exception.Message);
        }
    }
}
