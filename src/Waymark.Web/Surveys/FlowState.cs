using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;

namespace Waymark.Web.Surveys;

/// <summary>
/// Where a respondent is in a survey. It travels in the form as one hidden field, encrypted and
/// authenticated with the data-protection key ring that every node shares (docs/adr/0020), so no
/// cookie and no server-side session is needed and any node can take the next page. The time a
/// page was shown lives only here; the database receives rounded durations.
/// </summary>
internal sealed record FlowState
{
    /// <summary>Consent page, before the first question page.</summary>
    public const int ConsentPage = -1;

    [JsonPropertyName("i")]
    public required string Instrument { get; init; }

    [JsonPropertyName("v")]
    public required string Version { get; init; }

    /// <summary>The response's random id, fixed from the start so a re-sent completion is stored once.</summary>
    [JsonPropertyName("r")]
    public required string ResponseId { get; init; }

    [JsonPropertyName("p")]
    public int Page { get; init; } = ConsentPage;

    [JsonPropertyName("a")]
    public IReadOnlyDictionary<string, string> Answers { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>When the current page was shown (Unix milliseconds, this node's clock).</summary>
    [JsonPropertyName("t")]
    public long ShownAt { get; init; }

    /// <summary>Seconds spent on each page so far, by page index.</summary>
    [JsonPropertyName("d")]
    public IReadOnlyDictionary<int, int> Seconds { get; init; } = new Dictionary<int, int>();

    [JsonPropertyName("h")]
    public bool HoneypotFilled { get; init; }

    /// <summary>The draft this respondent resumed from, deleted when the response is stored.</summary>
    [JsonPropertyName("k")]
    public string? DraftId { get; init; }

    public static string NewResponseId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Adds the whole seconds since the page was shown (at most an hour a visit) to the page's total.</summary>
    public FlowState WithTimeSpentOn(int page, DateTimeOffset now)
    {
        var elapsed = (now.ToUnixTimeMilliseconds() - ShownAt) / 1000.0;
        var seconds = (int)Math.Round(Math.Clamp(elapsed, 0, 3600), MidpointRounding.AwayFromZero);
        var totals = new Dictionary<int, int>(Seconds) { [page] = Seconds.GetValueOrDefault(page) + seconds };
        return this with { Seconds = totals };
    }
}

/// <summary>Encrypts and reads back <see cref="FlowState"/>.</summary>
internal sealed class FlowStateProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Waymark.Surveys.FlowState.v1");

    private static readonly JsonSerializerOptions Options = new();

    public string Protect(FlowState state) => _protector.Protect(JsonSerializer.Serialize(state, Options));

    public static byte[] ToBytes(FlowState state) => JsonSerializer.SerializeToUtf8Bytes(state, Options);

    public static FlowState? FromBytes(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize<FlowState>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The state, or null when the field is missing, altered or from another key ring.</summary>
    public FlowState? Unprotect(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<FlowState>(_protector.Unprotect(text), Options);
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
