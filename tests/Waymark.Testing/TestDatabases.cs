using Npgsql;
using Waymark.Storage;
using Xunit;

namespace Waymark.Testing;

/// <summary>A fresh, empty database per test, on either engine.</summary>
public static class TestDatabases
{
    /// <summary>Both engines, for <c>[Theory, MemberData]</c>: every storage test runs on each.</summary>
    public static TheoryData<DatabaseEngine> Engines => new() { DatabaseEngine.Sqlite, DatabaseEngine.PostgreSql };

    /// <summary>
    /// A fresh database: a SQLite file in a new folder inside <paramref name="folder"/> (deleted with it), or a new
    /// PostgreSQL database in the throwaway cluster (which test.sh deletes whole at the end of the run).
    /// </summary>
    public static Task<StorageSettings> CreateAsync(DatabaseEngine engine, TempFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return engine == DatabaseEngine.Sqlite
            ? Task.FromResult(new StorageSettings { DataDirectory = folder.NewFolder("sqlite") })
            : CreatePostgresAsync();
    }

    private static async Task<StorageSettings> CreatePostgresAsync()
    {

        var admin = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString);
        var name = "waymark_test_" + Guid.NewGuid().ToString("N");
        await using (var source = NpgsqlDataSource.Create(admin))
        await using (var command = source.CreateCommand($"CREATE DATABASE {name}"))
        {
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        admin.Database = name;
        return new StorageSettings { PostgresConnectionString = admin.ConnectionString };
    }
}
