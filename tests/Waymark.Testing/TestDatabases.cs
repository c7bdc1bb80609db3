using Npgsql;
using Waymark.Storage;
using Xunit;

namespace Waymark.Testing;

/// <summary>A fresh, empty database per test, on either engine.</summary>
public static class TestDatabases
{
    /// <summary>Both engines, for <c>[Theory, MemberData]</c>: every storage test runs on each.</summary>
    public static TheoryData<DatabaseEngine> Engines => new() { DatabaseEngine.Sqlite, DatabaseEngine.PostgreSql };

    public static async Task<StorageSettings> CreateAsync(DatabaseEngine engine)
    {
        if (engine == DatabaseEngine.Sqlite)
        {
            return new StorageSettings { DataDirectory = TestEnvironment.NewTempDirectory("sqlite") };
        }

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
