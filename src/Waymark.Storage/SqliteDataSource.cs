using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Waymark.Storage;

/// <summary>
/// A <see cref="DbDataSource"/> for SQLite that applies Waymark's durability settings to every
/// connection it opens: full synchronous commits (each commit reaches the disk before it returns),
/// foreign keys on, and a busy timeout so concurrent writers wait instead of failing. Two settings keep
/// no history on disk (docs/adr/0100-no-arrival-order-on-disk.md): <c>secure_delete</c> zeroes what a
/// delete or an update frees, and <c>journal_size_limit = 0</c> cuts the write-ahead log back to nothing
/// whenever it is reset, so no page image of an old commit lingers past a checkpoint.
/// WAL mode is a property of the file and is set once by the migrator.
/// </summary>
internal sealed class SqliteDataSource(string connectionString) : DbDataSource
{
    private const string ConnectionPragmas =
        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;"
        + " PRAGMA secure_delete = ON; PRAGMA journal_size_limit = 0;";

    public override string ConnectionString { get; } = connectionString;

    protected override DbConnection CreateDbConnection() => new SqliteConnection(ConnectionString);

    protected override DbConnection OpenDbConnection()
    {
        var connection = CreateDbConnection();
        connection.Open();
        ApplyPragmas(connection);
        return connection;
    }

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = CreateDbConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        ApplyPragmas(connection);
        return connection;
    }

    private static void ApplyPragmas(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        command.CommandType = CommandType.Text;
        command.ExecuteNonQuery();
    }
}
