using System.Text.Json;
using Waymark.Storage;

namespace Waymark.Responses;

/// <summary>
/// The file <c>waymark responses export</c> writes and <c>waymark responses decrypt</c> reads: JSON
/// Lines, one stored response per line, <c>{"id","instrument","day","sealed","flags","payload"}</c>
/// with the payload in Base64 (ciphertext when sealed). Carrying it off the server reveals nothing
/// that the database did not.
/// </summary>
public static class ResponseArchive
{
    private sealed record Line(string Id, string Instrument, DateOnly? Day, bool Sealed, string Flags, string Payload);

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a data file, never HTML: Base64 stays as it is
    };

    public static async Task WriteAsync(IEnumerable<StoredResponse> responses, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var r in responses)
        {
            var line = new Line(r.Id, r.Instrument, r.Day, r.Sealed, r.Flags, Convert.ToBase64String(r.Payload));
            await writer.WriteLineAsync(JsonSerializer.Serialize(line, Options)).ConfigureAwait(false);
        }
    }

    public static Result<IReadOnlyList<StoredResponse>> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var responses = new List<StoredResponse>();
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (text.Length == 0)
            {
                continue;
            }

            Line? line;
            try
            {
                line = JsonSerializer.Deserialize<Line>(text, Options);
            }
            catch (JsonException exception)
            {
                return Result.Fail<IReadOnlyList<StoredResponse>>($"{source}:{number}: not a response export line: {exception.Message}");
            }

            var payload = line?.Payload is { } base64 ? TryBase64(base64) : null;
            if (line?.Id is null || line.Instrument is null || payload is null)
            {
                return Result.Fail<IReadOnlyList<StoredResponse>>($"{source}:{number}: a response needs id, instrument and a Base64 payload.");
            }

            responses.Add(new StoredResponse(line.Id, line.Instrument, line.Day, line.Sealed, payload, line.Flags ?? string.Empty));
        }

        return Result.Ok<IReadOnlyList<StoredResponse>>(responses);
    }

    /// <summary>
    /// Opens every response it can (sealed ones with whichever of <paramref name="secretKeys"/> opens
    /// them: an instrument whose key changed has responses sealed to each) and adds the set-level
    /// quality flags over those. A response that does not open (no key given, none of the keys
    /// fits, bytes altered, a box moved from another row) does not fail the set: it is reported
    /// in <see cref="OpenedArchive.NotOpened"/> with its id and why, so that nothing is lost silently.
    /// </summary>
    public static OpenedArchive Open(IReadOnlyList<StoredResponse> responses, IReadOnlyList<byte[]> secretKeys)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(secretKeys);
        var records = new List<ResponseRecord>(responses.Count);
        var notOpened = new List<NotOpened>();
        foreach (var stored in responses)
        {
            var record = OpenOne(stored, secretKeys);
            if (record.IsSuccess)
            {
                records.Add(record.Value!);
            }
            else
            {
                notOpened.Add(new NotOpened(stored.Id, record.Error!));
            }
        }

        return new OpenedArchive(QualityCheck.ForSet(records), notOpened);
    }

    private static Result<ResponseRecord> OpenOne(StoredResponse stored, IReadOnlyList<byte[]> secretKeys)
    {
        var json = stored.Payload;
        if (stored.Sealed)
        {
            if (secretKeys.Count == 0)
            {
                return Result.Fail<ResponseRecord>("it is sealed and no secret key was given");
            }

            byte[]? opened = null;
            foreach (var key in secretKeys)
            {
                if (SealedBox.Open(stored.Payload, key) is { IsSuccess: true } result)
                {
                    opened = result.Value;
                    break;
                }
            }

            if (opened is null)
            {
                return Result.Fail<ResponseRecord>(secretKeys.Count == 1
                    ? "it does not open with the key given (sealed to another key, or the bytes were altered)"
                    : $"it opens with none of the {secretKeys.Count} keys given (sealed to another key, or the bytes were altered)");
            }

            json = opened;
        }

        var record = ResponseRecord.FromJson(json);
        if (!record.IsSuccess)
        {
            return Result.Fail<ResponseRecord>(record.Error!);
        }

        // The sealed id must match the row's: a box moved from another row is refused.
        return string.Equals(record.Value!.Id, stored.Id, StringComparison.Ordinal)
            ? record
            : Result.Fail<ResponseRecord>($"the sealed content belongs to response {record.Value.Id}");
    }

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}

/// <summary>A stored response that did not open, and why (never its content).</summary>
public sealed record NotOpened(string Id, string Reason);

/// <summary>What opening a set gave: the records that opened (with the set-level flags) and those that did not.</summary>
public sealed record OpenedArchive(IReadOnlyList<ResponseRecord> Records, IReadOnlyList<NotOpened> NotOpened)
{
    /// <summary>One line naming every response that did not open, or null when all did.</summary>
    public string? Summary => NotOpened.Count == 0
        ? null
        : $"{NotOpened.Count} response(s) did not open: " + string.Join("; ", NotOpened.Select(n => $"{n.Id}: {n.Reason}"));
}
