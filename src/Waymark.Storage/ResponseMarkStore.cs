using System.Data.Common;

namespace Waymark.Storage;

/// <summary>
/// Marks that set a response aside as a test or junk response: reversible, per response, and never
/// a deletion (the response itself is not touched). The console audits each change.
/// </summary>
public sealed class ResponseMarkStore
{
    /// <summary>The marks there are.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["test", "junk"];

    private readonly WaymarkDatabase _database;

    internal ResponseMarkStore(WaymarkDatabase database) => _database = database;

    /// <summary>Marks (or re-marks) a response of <paramref name="instrument"/>; false when no such response is stored.</summary>
    public async Task<bool> MarkAsync(string instrument, string id, string mark, CancellationToken cancellationToken = default)
    {
        if (!Kinds.Contains(mark))
        {
            throw new ArgumentOutOfRangeException(nameof(mark), mark, "a mark is 'test' or 'junk'");
        }

        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var exists = Command(connection, transaction, "SELECT COUNT(*) FROM survey_responses WHERE id = @id AND instrument = @instrument", instrument, id))
        {
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return false;
            }
        }

        await using (var upsert = Command(
            connection,
            transaction,
            "INSERT INTO response_marks (id, instrument, mark) VALUES (@id, @instrument, @mark) ON CONFLICT (id) DO UPDATE SET mark = excluded.mark",
            instrument,
            id))
        {
            Migrator.AddParameter(upsert, "mark", mark);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Removes a response's mark; false when it had none.</summary>
    public async Task<bool> UnmarkAsync(string instrument, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "DELETE FROM response_marks WHERE id = @id AND instrument = @instrument", instrument, id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Every mark of an instrument's responses: response id to mark.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(string instrument, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, mark FROM response_marks WHERE instrument = @instrument";
        Migrator.AddParameter(command, "instrument", instrument);
        var marks = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            marks[reader.GetString(0)] = reader.GetString(1);
        }

        return marks;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, string instrument, string id)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Migrator.AddParameter(command, "id", id);
        Migrator.AddParameter(command, "instrument", instrument);
        return command;
    }
}
