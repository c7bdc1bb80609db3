using System.Data.Common;
using System.Globalization;

namespace Waymark.Storage;

/// <summary>Where an uploaded instrument stands: a draft (never served), published (served), closed (no new responses).</summary>
public enum InstrumentStatus
{
    Draft,
    Published,
    Closed,
}

/// <summary>
/// Survey instruments uploaded through the console: the XLSForm bytes (at most
/// <see cref="MaxXlsxBytes"/>), the public key for sealing, the status, the UTC day and the
/// uploader's account name. Every publish and close bumps one catalog version in the same
/// transaction, so nodes notice a change with one tiny read (docs/adr/0070).
/// </summary>
public sealed class InstrumentStore
{
    /// <summary>Largest XLSForm kept (the schema refuses more too).</summary>
    public const int MaxXlsxBytes = 5 * 1024 * 1024;

    private const string InfoColumns = "id, form_id, version, title, languages, public_key, status, day, uploaded_by, revision, key_change_requested_by";

    private readonly WaymarkDatabase _database;

    internal InstrumentStore(WaymarkDatabase database) => _database = database;

    /// <summary>
    /// Stores an uploaded instrument as a draft. The same form id and version again replaces the
    /// draft; a version that was ever published is never replaced (refused with a message).
    /// </summary>
    public async Task<Result<SavedDraft>> SaveDraftAsync(NewInstrument instrument, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (instrument.Xlsx.Length is 0 or > MaxXlsxBytes)
        {
            return Result.Fail<SavedDraft>($"the form must be 1 byte to {MaxXlsxBytes / (1024 * 1024)} MB");
        }

        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long? existing = null;
        string? existingStatus = null;
        await using (var find = Command(connection, transaction, "SELECT id, status FROM instruments WHERE form_id = @form AND version = @version"))
        {
            Migrator.AddParameter(find, "form", instrument.FormId);
            Migrator.AddParameter(find, "version", instrument.Version);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                existing = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
                existingStatus = reader.GetString(1);
            }
        }

        if (existing is not null && existingStatus != StatusText(InstrumentStatus.Draft))
        {
            return Result.Fail<SavedDraft>(
                $"version '{instrument.Version}' of '{instrument.FormId}' was already published and is never replaced; give the new form another version (settings sheet, column version)");
        }

        await using var write = Command(connection, transaction, existing is null
            ? """
              INSERT INTO instruments (form_id, version, title, languages, xlsx, public_key, status, day, uploaded_by)
              VALUES (@form, @version, @title, @languages, @xlsx, @key, 'draft', @day, @by) RETURNING id
              """
            : "UPDATE instruments SET title = @title, languages = @languages, xlsx = @xlsx, public_key = @key, day = @day, uploaded_by = @by, key_change_requested_by = NULL WHERE id = @id RETURNING id");
        Migrator.AddParameter(write, "form", instrument.FormId);
        Migrator.AddParameter(write, "version", instrument.Version);
        Migrator.AddParameter(write, "title", instrument.Title);
        Migrator.AddParameter(write, "languages", string.Join(' ', instrument.Languages));
        Migrator.AddParameter(write, "xlsx", instrument.Xlsx);
        Migrator.AddParameter(write, "key", instrument.PublicKey is { } key ? key : DBNull.Value);
        Migrator.AddParameter(write, "day", instrument.Day);
        Migrator.AddParameter(write, "by", instrument.UploadedBy);
        Migrator.AddParameter(write, "id", existing ?? 0L);
        var id = Convert.ToInt64(await write.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Result.Ok(new SavedDraft(id, existing is not null));
    }

    /// <summary>Every uploaded instrument without its bytes, newest upload first.</summary>
    public async Task<IReadOnlyList<InstrumentInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {InfoColumns} FROM instruments ORDER BY id DESC");
        return await ReadInfosAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// For each form id, the row of the latest publish or close (the highest revision): the one
    /// served (published) or refusing new responses (closed). Drafts are never current.
    /// </summary>
    public async Task<IReadOnlyList<InstrumentInfo>> CurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {InfoColumns} FROM instruments WHERE status <> 'draft' ORDER BY revision DESC");
        var rows = await ReadInfosAsync(command, cancellationToken).ConfigureAwait(false);
        return rows.DistinctBy(r => r.FormId, StringComparer.Ordinal).OrderBy(r => r.FormId, StringComparer.Ordinal).ToList();
    }

    /// <summary>One instrument with its bytes and key, or null.</summary>
    public async Task<StoredInstrument?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {InfoColumns}, xlsx FROM instruments WHERE id = @id");
        Migrator.AddParameter(command, "id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredInstrument(ReadInfo(reader), (byte[])reader.GetValue(11))
            : null;
    }

    /// <summary>
    /// Publishes (from draft or closed) or closes (from published) an instrument, bumping the catalog
    /// version in the same transaction. False when the instrument is missing or the change is not allowed.
    /// </summary>
    public async Task<bool> SetStatusAsync(long id, InstrumentStatus status, CancellationToken cancellationToken = default)
    {
        var from = status switch
        {
            InstrumentStatus.Published => "'draft', 'closed'",
            InstrumentStatus.Closed => "'published'",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "An instrument never goes back to draft."),
        };
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long version;
        await using (var bump = Command(connection, transaction, "UPDATE instrument_catalog SET version = version + 1 WHERE id = 1 RETURNING version"))
        {
            version = Convert.ToInt64(await bump.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        await using var change = Command(connection, transaction, $"UPDATE instruments SET status = @status, revision = @revision, key_change_requested_by = NULL WHERE id = @id AND status IN ({from})");
        Migrator.AddParameter(change, "status", StatusText(status));
        Migrator.AddParameter(change, "revision", version);
        Migrator.AddParameter(change, "id", id);
        if (await change.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The key pinned for a form id: the public key of the version published or closed last (null
    /// inside: pinned as unsealed); null when no version of it was ever published. Every later publish
    /// with another key needs an approval, so this is the key the form was first published with or
    /// the last one approved.
    /// </summary>
    public async Task<InstrumentPin?> PinAsync(string formId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT public_key, version FROM instruments WHERE form_id = @form AND status <> 'draft' ORDER BY revision DESC LIMIT 1");
        Migrator.AddParameter(command, "form", formId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new InstrumentPin(reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0), reader.GetString(1))
            : null;
    }

    /// <summary>Marks a draft or closed version as waiting for a key-change approval (or clears the mark with null); false when it cannot be published.</summary>
    public async Task<bool> MarkKeyChangeAsync(long id, string? requestedBy, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "UPDATE instruments SET key_change_requested_by = @by WHERE id = @id AND status IN ('draft', 'closed')");
        Migrator.AddParameter(command, "by", requestedBy is null ? DBNull.Value : (object)requestedBy);
        Migrator.AddParameter(command, "id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>The catalog version: changes whenever any instrument is published or closed. One row, one read.</summary>
    public async Task<long> CatalogVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT version FROM instrument_catalog WHERE id = 1");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public static string StatusText(InstrumentStatus status) => status switch
    {
        InstrumentStatus.Draft => "draft",
        InstrumentStatus.Published => "published",
        InstrumentStatus.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private static InstrumentStatus ParseStatus(string text) => text switch
    {
        "draft" => InstrumentStatus.Draft,
        "published" => InstrumentStatus.Published,
        "closed" => InstrumentStatus.Closed,
        _ => throw new InvalidOperationException($"Unknown instrument status '{text}' in the database."),
    };

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task<IReadOnlyList<InstrumentInfo>> ReadInfosAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<InstrumentInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(ReadInfo(reader));
        }

        return rows;
    }

    private static InstrumentInfo ReadInfo(DbDataReader reader) => new(
        Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4).Split(' ', StringSplitOptions.RemoveEmptyEntries),
        reader.IsDBNull(5) ? null : (byte[])reader.GetValue(5),
        ParseStatus(reader.GetString(6)),
        reader.GetFieldValue<DateOnly>(7),
        reader.GetString(8),
        Convert.ToInt64(reader.GetValue(9), CultureInfo.InvariantCulture),
        reader.IsDBNull(10) ? null : reader.GetString(10));
}

/// <summary>An instrument to store: its identity (from the form's settings), the bytes, the key, the day and the uploader.</summary>
public sealed record NewInstrument(
    string FormId, string Version, string Title, IReadOnlyList<string> Languages, byte[] Xlsx, byte[]? PublicKey, DateOnly Day, string UploadedBy);

/// <summary>A stored draft: its id and whether it replaced an earlier draft of the same version.</summary>
public sealed record SavedDraft(long Id, bool ReplacedDraft);

/// <summary>An uploaded instrument without its bytes; <see cref="PublicKey"/> null: responses unsealed.</summary>
public sealed record InstrumentInfo(
    long Id,
    string FormId,
    string Version,
    string Title,
    IReadOnlyList<string> Languages,
    byte[]? PublicKey,
    InstrumentStatus Status,
    DateOnly Day,
    string UploadedBy,
    long Revision,
    string? KeyChangeRequestedBy = null)
{
    public bool HasPublicKey => PublicKey is not null;
}

/// <summary>The key a form id is pinned to (<see cref="PublicKey"/> null: unsealed) and the version that pinned it last.</summary>
public sealed record InstrumentPin(byte[]? PublicKey, string Version);

/// <summary>An uploaded instrument with the XLSForm bytes.</summary>
public sealed record StoredInstrument(InstrumentInfo Info, byte[] Xlsx)
{
    /// <summary>The public key responses are sealed with; null: unsealed.</summary>
    public byte[]? PublicKey => Info.PublicKey;
}
