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
    /// Opens every response (sealed ones with <paramref name="secretKey"/>) and adds the set-level
    /// quality flags. One response that cannot be opened fails the whole run with its id: a
    /// partial export would silently lose answers.
    /// </summary>
    public static Result<IReadOnlyList<ResponseRecord>> Open(IReadOnlyList<StoredResponse> responses, byte[]? secretKey)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var records = new List<ResponseRecord>(responses.Count);
        foreach (var stored in responses)
        {
            byte[] json;
            if (stored.Sealed)
            {
                if (secretKey is null)
                {
                    return Result.Fail<IReadOnlyList<ResponseRecord>>($"Response {stored.Id} is sealed: give the research team's secret key (--key).");
                }

                var opened = SealedBox.Open(stored.Payload, secretKey);
                if (!opened.IsSuccess)
                {
                    return Result.Fail<IReadOnlyList<ResponseRecord>>($"Response {stored.Id}: {opened.Error}");
                }

                json = opened.Value!;
            }
            else
            {
                json = stored.Payload;
            }

            var record = ResponseRecord.FromJson(json);
            if (!record.IsSuccess)
            {
                return Result.Fail<IReadOnlyList<ResponseRecord>>($"Response {stored.Id}: {record.Error}");
            }

            if (!string.Equals(record.Value!.Id, stored.Id, StringComparison.Ordinal))
            {
                // The sealed id must match the row's: a box moved from another row is refused.
                return Result.Fail<IReadOnlyList<ResponseRecord>>($"Response {stored.Id}: the sealed content belongs to response {record.Value.Id}.");
            }

            records.Add(record.Value);
        }

        return Result.Ok(QualityCheck.ForSet(records));
    }

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
