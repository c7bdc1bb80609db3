using System.Text.Json;
using System.Text.Json.Serialization;

namespace Waymark.SelfHelp.Vault;

/// <summary>
/// What a person's vault holds: the modules they finished and their answers, by module id and
/// field id. Kept small and plain so that a future version can still read it.
/// </summary>
public sealed class Progress
{
    /// <summary>Longest answer kept for one field; longer input is refused with a message, not cut.</summary>
    public const int MaxAnswerLength = 8000;

    [JsonPropertyName("completed")]
    public SortedSet<string> Completed { get; init; } = new(StringComparer.Ordinal);

    [JsonPropertyName("answers")]
    public SortedDictionary<string, SortedDictionary<string, string>> Answers { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Weekly check-ins: answers by ISO week (<c>2026-W49</c>, from <see cref="Tools.CheckIns.WeekOf"/>) and field id.</summary>
    /// <remarks>Settable, not init-only: the JSON source generator sets a missing init-only property to null, and a vault saved before check-ins has none.</remarks>
    [JsonPropertyName("checkIns")]
#pragma warning disable CA2227 // Set only by the JSON reader, and only when the vault holds check-ins.
    public SortedDictionary<string, SortedDictionary<string, string>> CheckIns { get; set; } = new(StringComparer.Ordinal);
#pragma warning restore CA2227

    public IReadOnlyDictionary<string, string> AnswersFor(string moduleId) =>
        Answers.TryGetValue(moduleId, out var answers) ? answers : new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Replaces a module's answers (empty fields are dropped) and marks it finished.</summary>
    public void Record(string moduleId, IReadOnlyDictionary<string, string> answers)
    {
        var kept = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in answers)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                kept[field] = value;
            }
        }

        Answers[moduleId] = kept;
        Completed.Add(moduleId);
    }

    /// <summary>Replaces the check-in of <paramref name="week"/> (empty fields are dropped): one check-in a week, the latest kept.</summary>
    public void RecordCheckIn(string week, IReadOnlyDictionary<string, string> answers) =>
        CheckIns[week] = new SortedDictionary<string, string>(
            answers.Where(answer => !string.IsNullOrWhiteSpace(answer.Value)).ToDictionary(answer => answer.Key, answer => answer.Value, StringComparer.Ordinal),
            StringComparer.Ordinal);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ProgressJson.Default.Progress);

    /// <summary>The progress in <paramref name="json"/>, or null when it is not a progress document.</summary>
    public static Progress? FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            var progress = JsonSerializer.Deserialize(json, ProgressJson.Default.Progress);
            // A vault saved before check-ins existed has no "checkIns": it reads as none.
            return progress is { Completed: not null, Answers: not null, CheckIns: not null } ? progress : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSerializable(typeof(Progress))]
public sealed partial class ProgressJson : JsonSerializerContext;
