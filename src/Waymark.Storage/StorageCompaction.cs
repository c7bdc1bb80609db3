using System.Data.Common;
using System.Globalization;

namespace Waymark.Storage;

/// <summary>
/// Rewrites the tables that hold records about visitors in key order (docs/adr/0100-no-arrival-order-on-disk.md).
/// <list type="bullet">
/// <item>SQLite: <c>VACUUM</c> rebuilds the whole file with every table's rows and pages in key order (the
/// keys are random), then the write-ahead log, which <c>VACUUM</c> filled, is checkpointed and truncated to
/// zero bytes. With <c>secure_delete</c> on, nothing freed before keeps its old bytes.</item>
/// <item>PostgreSQL: each table's rows are first rewritten in one transaction (<c>UPDATE … SET key = key</c>),
/// so every row carries the same <c>xmin</c>: <c>CLUSTER</c> and <c>VACUUM FULL</c> freeze rows but keep
/// their original <c>xmin</c>, which increases with arrival. Then <c>CLUSTER … USING</c> the primary key
/// writes a new heap file in key order without the dead rows, and the old file is unlinked;
/// <c>CLUSTER</c> is itself the full rewrite <c>VACUUM FULL</c> would do, in key order, so it is not done
/// twice. What PostgreSQL keeps outside the table (its own write-ahead log, archives, backups) is
/// listed in docs/security.md.</item>
/// </list>
/// Both take the table's write lock while they run (seconds for tens of thousands of rows): run it at a quiet hour.
/// </summary>
internal static class StorageCompaction
{
    /// <summary>The tables whose rows are records about visitors, and each one's key column.</summary>
    internal static readonly IReadOnlyList<(string Table, string Key)> VisitorTables =
    [
        ("survey_responses", "id"),
        ("survey_drafts", "id"),
        ("selfhelp_vaults", "lookup"),
    ];

    internal static async Task<CompactionReport> RunAsync(WaymarkDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (database.Engine == DatabaseEngine.Sqlite)
        {
            var before = await SqliteBytesAsync(connection, cancellationToken).ConfigureAwait(false);
            await Migrator.ExecuteAsync(connection, null, "VACUUM", cancellationToken).ConfigureAwait(false);
            await database.TruncateLogAsync(connection).ConfigureAwait(false);
            return new CompactionReport(database.Description, [.. VisitorTables.Select(t => t.Table)], before, await SqliteBytesAsync(connection, cancellationToken).ConfigureAwait(false));
        }

        var bytesBefore = await PostgresBytesAsync(connection, cancellationToken).ConfigureAwait(false);
        foreach (var (table, key) in VisitorTables)
        {
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
            {
                await Migrator.ExecuteAsync(connection, transaction, $"UPDATE {table} SET {key} = {key}", cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            await Migrator.ExecuteAsync(connection, null, $"CLUSTER {table} USING {table}_pkey", cancellationToken).ConfigureAwait(false);
            await Migrator.ExecuteAsync(connection, null, $"ANALYZE {table}", cancellationToken).ConfigureAwait(false);
        }

        return new CompactionReport(database.Description, [.. VisitorTables.Select(t => t.Table)], bytesBefore, await PostgresBytesAsync(connection, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The SQLite file and its log, as the file system sees them (the log is empty after a truncating checkpoint).</summary>
    private static async Task<long> SqliteBytesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA database_list";
        string? path = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.GetString(1) == "main")
                {
                    path = reader.GetString(2);
                }
            }
        }

        return path is null ? 0 : FileLength(path) + FileLength(path + "-wal");
    }

    private static long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static async Task<long> PostgresBytesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + string.Join(" + ", VisitorTables.Select(t => $"pg_total_relation_size('{t.Table}')"));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// What <see cref="WaymarkDatabase.CompactAsync"/> did: the database (no secret in it), the tables rewritten
/// in key order, and their size on disk before and after (SQLite: the whole file and its log).
/// </summary>
public sealed record CompactionReport(string Database, IReadOnlyList<string> Tables, long BytesBefore, long BytesAfter);
