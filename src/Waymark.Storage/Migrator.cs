using System.Data.Common;
using System.Globalization;
using System.Reflection;

namespace Waymark.Storage;

/// <summary>
/// Applies the numbered SQL scripts in <c>Migrations/{engine}/NNNN_name.sql</c> in order, each in
/// its own transaction together with its row in <c>schema_migrations</c>. Several app nodes may
/// start at once against one PostgreSQL: an advisory lock makes them take turns; SQLite's
/// <c>BEGIN IMMEDIATE</c> does the same for processes sharing a file.
/// </summary>
internal static class Migrator
{
    // Any fixed number: it only has to be the same on every node.
    private const long PostgresAdvisoryLockKey = 0x5761_796D_6172_6B;

    internal static IReadOnlyList<Migration> Available(DatabaseEngine engine)
    {
        var folder = engine == DatabaseEngine.Sqlite ? "sqlite" : "postgres";
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{folder}.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Migration.FromResource(assembly, name, name[prefix.Length..^4]))
            .OrderBy(m => m.Version)
            .ToList();
    }

    internal static async Task ApplyAsync(WaymarkDatabase database, int upToVersion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (database.Engine == DatabaseEngine.Sqlite)
        {
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
        }

        foreach (var migration in Available(database.Engine).Where(m => m.Version <= upToVersion))
        {
            await ApplyOneAsync(database.Engine, connection, migration, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static async Task<IReadOnlyList<int>> AppliedVersionsAsync(WaymarkDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations ORDER BY version";
        var versions = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return versions;
    }

    private static async Task ApplyOneAsync(DatabaseEngine engine, DbConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE (the write lock is taken before we read),
        // so two processes sharing the file cannot both apply the same migration.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        if (engine == DatabaseEngine.PostgreSql)
        {
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresAdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)", cancellationToken).ConfigureAwait(false);

        await using (var check = connection.CreateCommand())
        {
            check.Transaction = transaction;
            check.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE version = @version";
            AddParameter(check, "version", migration.Version);
            var count = Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            if (count > 0)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
        await using (var record = connection.CreateCommand())
        {
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, name) VALUES (@version, @name)";
            AddParameter(record, "version", migration.Version);
            AddParameter(record, "name", migration.Name);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>One schema migration script.</summary>
internal sealed record Migration(int Version, string Name, string Sql)
{
    internal static Migration FromResource(Assembly assembly, string resourceName, string fileStem)
    {
        var underscore = fileStem.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !int.TryParse(fileStem.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Migration resource '{resourceName}' must be named NNNN_name.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new Migration(version, fileStem[(underscore + 1)..], reader.ReadToEnd());
    }
}
