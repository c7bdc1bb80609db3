using System.Data.Common;
using Waymark.Testing;

namespace Waymark.Storage.Tests;

public sealed class DatabaseTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("DatabaseTests");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Opening_applies_every_migration_once_and_again_is_a_no_op(DatabaseEngine engine)
    {
        var settings = await TestDatabases.CreateAsync(engine, _temp);
        var expected = Migrator.Available(engine).Select(m => m.Version).ToList();
        Assert.NotEmpty(expected);

        await using (var first = await WaymarkDatabase.OpenAsync(settings))
        {
            Assert.Equal(engine, first.Engine);
            Assert.Equal(expected, await first.AppliedMigrationsAsync());
        }

        await using var second = await WaymarkDatabase.OpenAsync(settings);
        Assert.Equal(expected, await second.AppliedMigrationsAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Nodes_starting_together_migrate_without_conflict(DatabaseEngine engine)
    {
        var settings = await TestDatabases.CreateAsync(engine, _temp);
        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => WaymarkDatabase.OpenAsync(settings)));
        try
        {
            foreach (var database in opened)
            {
                Assert.Equal(Migrator.Available(engine).Select(m => m.Version), await database.AppliedMigrationsAsync());
            }
        }
        finally
        {
            foreach (var database in opened)
            {
                await database.DisposeAsync();
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Counters_add_up_per_name_day_and_dimension(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var monday = new DateOnly(2026, 11, 23);
        var tuesday = monday.AddDays(1);
        await database.Counters.AddAsync([new("page:/Home/Index", monday, "en", 2), new("page:/Home/Index", monday, "ar", 1)]);
        await database.Counters.AddAsync([new("page:/Home/Index", monday, "en", 3), new("page:/Home/Index", tuesday, "en", 1), new("other", monday, "en", 7)]);

        var home = await database.Counters.ReadAsync("page:/Home/Index");
        Assert.Equal(
            [new("page:/Home/Index", monday, "ar", 1), new("page:/Home/Index", monday, "en", 5), new("page:/Home/Index", tuesday, "en", 1)],
            home);
        var pages = await database.Counters.ReadByPrefixAsync("page:");
        Assert.Equal(7, pages.Sum(c => c.Count));
        Assert.DoesNotContain(pages, c => c.Name == "other");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_counter_writers_lose_nothing(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var day = new DateOnly(2026, 11, 27);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await database.Counters.AddAsync([new CounterIncrement("hits", day, "en", 1)]);
            }
        })));
        Assert.Equal(200, Assert.Single(await database.Counters.ReadAsync("hits")).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Invalid_counters_are_refused_and_nothing_is_written(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var day = new DateOnly(2026, 11, 27);
        await Assert.ThrowsAsync<ArgumentException>(() => database.Counters.AddAsync([new("ok", day, "en", 1), new("bad", day, "en", 0)]));
        await Assert.ThrowsAsync<ArgumentException>(() => database.Counters.AddAsync([new(new string('x', 65), day, "en", 1)]));
        Assert.Empty(await database.Counters.ReadAsync("ok"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Protection_keys_are_kept_once_by_name(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        database.ProtectionKeys.Add("key-b", "<key id=\"b\"/>");
        database.ProtectionKeys.Add("key-a", "<key id=\"a\"/>");
        database.ProtectionKeys.Add("key-a", "<key id=\"replaced\"/>");
        Assert.Equal(["<key id=\"a\"/>", "<key id=\"b\"/>"], database.ProtectionKeys.ReadAll());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Protection_keys_in_an_older_storage_form_can_be_deleted(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        database.ProtectionKeys.Add("key-a", "<key id=\"a\"/>");
        database.ProtectionKeys.Add("key-b", "sealed:b");
        Assert.Equal(1, database.ProtectionKeys.DeleteUnlessPrefixed("sealed:"));
        Assert.Equal([("key-b", "sealed:b")], database.ProtectionKeys.ReadAllNamed());
    }

    [Fact]
    public async Task Sqlite_commits_durably_in_wal_mode()
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(DatabaseEngine.Sqlite, _temp));
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        Assert.Equal("2", await ScalarAsync(connection, "PRAGMA synchronous")); // 2 = FULL
    }

    private static async Task<string?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
