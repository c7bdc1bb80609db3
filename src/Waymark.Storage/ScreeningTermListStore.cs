using System.Data.Common;
using System.Globalization;

namespace Waymark.Storage;

/// <summary>
/// Search-screening term lists uploaded in the console, and the one version number that every
/// change raises. Nodes poll <see cref="VersionAsync"/> (one row, one column) and reload the
/// active lists only when it moved. The store keeps lists as text; validating them is the
/// screening library's job, done before anything is stored.
/// </summary>
public sealed class ScreeningTermListStore
{
    /// <summary>Longest list name kept.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Largest list kept, in characters (a licensed list of tens of thousands of terms fits).</summary>
    public const int MaxContentLength = 4 * 1024 * 1024;

    private readonly WaymarkDatabase _database;

    internal ScreeningTermListStore(WaymarkDatabase database) => _database = database;

    /// <summary>Stores a list (active at once when <paramref name="active"/>) and returns its id.</summary>
    public async Task<long> AddAsync(string name, string content, string uploadedBy, DateOnly day, bool active = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(uploadedBy);
        if (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl))
        {
            throw new ArgumentException($"A list name is 1 to {MaxNameLength} characters without control characters.", nameof(name));
        }

        if (content.Length is 0 or > MaxContentLength)
        {
            throw new ArgumentException($"A list holds 1 to {MaxContentLength} characters.", nameof(content));
        }

        return await ChangeAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO screening_term_lists (name, content, active, uploaded_by, uploaded_day)
                VALUES (@name, @content, @active, @by, @day) RETURNING id
                """;
            Migrator.AddParameter(command, "name", name);
            Migrator.AddParameter(command, "content", content);
            Migrator.AddParameter(command, "active", active ? 1 : 0);
            Migrator.AddParameter(command, "by", uploadedBy);
            Migrator.AddParameter(command, "day", day);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Activates or deactivates a list; false when there is no such list.</summary>
    public Task<bool> SetActiveAsync(long id, bool active, CancellationToken cancellationToken = default) =>
        ChangeAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE screening_term_lists SET active = @active WHERE id = @id";
            Migrator.AddParameter(command, "active", active ? 1 : 0);
            Migrator.AddParameter(command, "id", id);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken);

    /// <summary>Deletes a list; false when there is no such list.</summary>
    public Task<bool> RemoveAsync(long id, CancellationToken cancellationToken = default) =>
        ChangeAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM screening_term_lists WHERE id = @id";
            Migrator.AddParameter(command, "id", id);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken);

    /// <summary>The number every change raises: the cheap check each node polls.</summary>
    public async Task<long> VersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every list (active first, then newest first), with its content, and the version they were read at.</summary>
    public async Task<StoredTermLists> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var version = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id, name, content, active, uploaded_by, uploaded_day FROM screening_term_lists ORDER BY active DESC, id DESC";
        var lists = new List<StoredTermList>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                lists.Add(new StoredTermList(
                    Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                    reader.GetString(1),
                    reader.GetString(2),
                    Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture) != 0,
                    reader.GetString(4),
                    reader.GetFieldValue<DateOnly>(5)));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new StoredTermLists(version, lists);
    }

    /// <summary>Runs a change and raises the version in the same transaction, so a node never sees one without the other.</summary>
    private async Task<T> ChangeAsync<T>(Func<DbConnection, DbTransaction, Task<T>> change, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await change(connection, transaction).ConfigureAwait(false);
        if (result is not false)
        {
            await Migrator.ExecuteAsync(connection, transaction, "UPDATE screening_term_state SET version = version + 1 WHERE id = 1", cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static async Task<long> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM screening_term_state WHERE id = 1";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }
}

/// <summary>One uploaded term list.</summary>
public sealed record StoredTermList(long Id, string Name, string Content, bool Active, string UploadedBy, DateOnly UploadedDay);

/// <summary>The lists and the version they were read at.</summary>
public sealed record StoredTermLists(long Version, IReadOnlyList<StoredTermList> Lists);
