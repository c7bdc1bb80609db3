using System.Data.Common;
using System.Globalization;

namespace Waymark.Storage;

/// <summary>
/// Survey responses and resume drafts. A response is inserted in its own transaction and the
/// method returns only after the commit, which is durable on both engines (docs/adr/0002): the
/// caller may then acknowledge it. Inserting the same id again is a no-op, so a retried or
/// re-sent submission is stored once. Every write ends with SQLite's log truncated, and a deleted
/// draft's bytes are zeroed in the file (docs/adr/0100-no-arrival-order-on-disk.md).
/// </summary>
public sealed class SurveyResponseStore
{
    private readonly WaymarkDatabase _database;

    internal SurveyResponseStore(WaymarkDatabase database) => _database = database;

    /// <summary>
    /// Stores a response (and deletes the draft it was resumed from, in the same transaction).
    /// Returns false when a response with this id was already stored.
    /// </summary>
    public async Task<bool> AddAsync(StoredResponse response, string? resumedDraftId = null, CancellationToken cancellationToken = default) =>
        (await AddBatchAsync([new ResponseSubmission(response, resumedDraftId)], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Stores several responses in one transaction, so that one durable commit (one fsync) serves
    /// them all: the group commit of docs/adr/0020. Returns, per response, whether it was new.
    /// </summary>
    public async Task<IReadOnlyList<bool>> AddBatchAsync(IReadOnlyList<ResponseSubmission> submissions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        var inserted = new bool[submissions.Count];
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO survey_responses (id, instrument, day, sealed, payload, flags, language)
                VALUES (@id, @instrument, @day, @sealed, @payload, @flags, @language)
                ON CONFLICT (id) DO NOTHING
                """;
            for (var i = 0; i < submissions.Count; i++)
            {
                var response = submissions[i].Response;
                command.Parameters.Clear();
                Migrator.AddParameter(command, "id", response.Id);
                Migrator.AddParameter(command, "instrument", response.Instrument);
                Migrator.AddParameter(command, "day", response.Day is { } day ? day : DBNull.Value);
                Migrator.AddParameter(command, "sealed", (short)(response.Sealed ? 1 : 0));
                Migrator.AddParameter(command, "payload", response.Payload);
                Migrator.AddParameter(command, "flags", response.Flags);
                Migrator.AddParameter(command, "language", response.Language is { } language ? language : DBNull.Value);
                inserted[i] = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            }
        }

        foreach (var draftId in submissions.Select(s => s.ResumedDraftId).OfType<string>())
        {
            await DeleteDraftAsync(connection, transaction, draftId, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await _database.TruncateLogAsync(connection).ConfigureAwait(false);
        return inserted;
    }

    /// <summary>Every response to <paramref name="instrument"/> (all when null), in id order (which is random).</summary>
    public Task<IReadOnlyList<StoredResponse>> ReadAsync(string? instrument, CancellationToken cancellationToken = default) =>
        ReadPageAsync(instrument, 0, int.MaxValue, cancellationToken);

    /// <summary>
    /// At most <paramref name="limit"/> responses to <paramref name="instrument"/> (all instruments when
    /// null) in id order, skipping the first <paramref name="offset"/>: a page for the console's table.
    /// </summary>
    public async Task<IReadOnlyList<StoredResponse>> ReadPageAsync(string? instrument, int offset, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, instrument, day, sealed, payload, flags, language FROM survey_responses"
            + (instrument is null ? string.Empty : " WHERE instrument = @instrument")
            + " ORDER BY id"
            + (limit == int.MaxValue && offset == 0 ? string.Empty : " LIMIT @limit OFFSET @offset");
        if (instrument is not null)
        {
            Migrator.AddParameter(command, "instrument", instrument);
        }

        if (limit != int.MaxValue || offset != 0)
        {
            Migrator.AddParameter(command, "limit", (long)limit);
            Migrator.AddParameter(command, "offset", (long)offset);
        }

        var responses = new List<StoredResponse>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            responses.Add(new StoredResponse(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2),
                Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture) == 1,
                (byte[])reader.GetValue(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return responses;
    }

    /// <summary>
    /// Response counts grouped by instrument, day, language, sealing and flags: the clear metadata only, so
    /// the console can show what came in without opening a single sealed answer. A sealed response's
    /// flags are sealed with its answers: its <see cref="ResponseCount.Flags"/> is empty.
    /// </summary>
    public async Task<IReadOnlyList<ResponseCount>> CountByMetadataAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT instrument, day, language, flags, sealed, COUNT(*) FROM survey_responses
            GROUP BY instrument, day, language, flags, sealed
            """;
        var counts = new List<ResponseCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new ResponseCount(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetFieldValue<DateOnly>(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture) != 0));
        }

        return counts;
    }

    /// <summary>How many responses an instrument has.</summary>
    public async Task<long> CountAsync(string instrument, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM survey_responses WHERE instrument = @instrument";
        Migrator.AddParameter(command, "instrument", instrument);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Stores (or replaces) a draft under its id.</summary>
    public async Task SaveDraftAsync(StoredDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO survey_drafts (id, instrument, payload, expires) VALUES (@id, @instrument, @payload, @expires)
            ON CONFLICT (id) DO UPDATE SET payload = excluded.payload, expires = excluded.expires
            """;
        Migrator.AddParameter(command, "id", draft.Id);
        Migrator.AddParameter(command, "instrument", draft.Instrument);
        Migrator.AddParameter(command, "payload", draft.Payload);
        Migrator.AddParameter(command, "expires", draft.Expires);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await _database.TruncateLogAsync(connection).ConfigureAwait(false);
    }

    /// <summary>The draft with this id, unless it is missing or expired before <paramref name="today"/>.</summary>
    public async Task<StoredDraft?> FindDraftAsync(string id, DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, instrument, payload, expires FROM survey_drafts WHERE id = @id AND expires >= @today";
        Migrator.AddParameter(command, "id", id);
        Migrator.AddParameter(command, "today", today);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredDraft(reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(2), reader.GetFieldValue<DateOnly>(3))
            : null;
    }

    /// <summary>Deletes drafts that expired before <paramref name="today"/>; returns how many.</summary>
    public async Task<int> DeleteExpiredDraftsAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM survey_drafts WHERE expires < @today";
        Migrator.AddParameter(command, "today", today);
        var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            await _database.TruncateLogAsync(connection).ConfigureAwait(false);
        }

        return deleted;
    }

    private static async Task DeleteDraftAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM survey_drafts WHERE id = @id";
        Migrator.AddParameter(command, "id", id);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// One stored response: a random id, the instrument id, at most the UTC day, and the payload
/// (a sealed box when <see cref="Sealed"/>, else the response JSON); <see cref="Flags"/> are the
/// data-quality flags found at submission, space-separated; <see cref="Language"/> the survey
/// language it was answered in (clear, for counts: docs/adr/0080), null when not recorded.
/// </summary>
public sealed record StoredResponse(string Id, string Instrument, DateOnly? Day, bool Sealed, byte[] Payload, string Flags, string? Language = null);

/// <summary>How many responses share one instrument, day, language and set of flags.</summary>
public sealed record ResponseCount(string Instrument, DateOnly? Day, string? Language, string Flags, long Count, bool Sealed = false);

/// <summary>A response to store and the resume draft it completes, if any.</summary>
public sealed record ResponseSubmission(StoredResponse Response, string? ResumedDraftId);

/// <summary>A draft kept for a resume code; the payload is encrypted under a key derived from the code.</summary>
public sealed record StoredDraft(string Id, string Instrument, byte[] Payload, DateOnly Expires);
