using Waymark.Testing;

namespace Waymark.Storage.Tests;

/// <summary>Console sessions on the server: found while their row lives, the sign-in time never moved, only a hash of the id stored.</summary>
public sealed class ConsoleSessionStoreTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ConsoleSessionStoreTests");

    public void Dispose() => _temp.Dispose();

    private static readonly DateTimeOffset SignedIn = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_session_lives_until_deleted_and_touching_moves_only_its_idle_clock(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var ada = (await database.Users.AddAsync("ada", "analyst", "$argon2id$placeholder"))!.Value;
        var bo = (await database.Users.AddAsync("bo", "editor", "$argon2id$placeholder"))!.Value;
        await database.ConsoleSessions.AddAsync("session-one", ada, SignedIn);
        await database.ConsoleSessions.AddAsync("session-two", ada, SignedIn.AddHours(1));
        await database.ConsoleSessions.AddAsync("session-bo", bo, SignedIn);

        Assert.Equal(new StoredSession(ada, SignedIn, SignedIn), await database.ConsoleSessions.FindAsync("session-one"));
        Assert.Null(await database.ConsoleSessions.FindAsync("session-on"));
        await database.ConsoleSessions.TouchAsync("session-one", SignedIn.AddHours(3));
        await database.ConsoleSessions.TouchAsync("session-one", SignedIn.AddHours(2)); // never backwards
        Assert.Equal(new StoredSession(ada, SignedIn, SignedIn.AddHours(3)), await database.ConsoleSessions.FindAsync("session-one"));

        Assert.True(await database.ConsoleSessions.DeleteAsync("session-one"));
        Assert.False(await database.ConsoleSessions.DeleteAsync("session-one"));
        Assert.Null(await database.ConsoleSessions.FindAsync("session-one"));

        // Expired by sign-in time (bo's) or by idleness (the idle one); the busy one stays.
        await database.ConsoleSessions.AddAsync("session-idle", ada, SignedIn.AddHours(2));
        await database.ConsoleSessions.TouchAsync("session-two", SignedIn.AddHours(3));
        Assert.Equal(2, await database.ConsoleSessions.DeleteExpiredAsync(signedInBefore: SignedIn.AddMinutes(1), idleBefore: SignedIn.AddMinutes(150)));
        Assert.Null(await database.ConsoleSessions.FindAsync("session-bo"));
        Assert.Null(await database.ConsoleSessions.FindAsync("session-idle"));
        Assert.NotNull(await database.ConsoleSessions.FindAsync("session-two"));
        Assert.Equal(1, await database.ConsoleSessions.DeleteForUserAsync(ada));
        Assert.Null(await database.ConsoleSessions.FindAsync("session-two"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_database_holds_a_hash_of_the_session_id_never_the_id(DatabaseEngine engine)
    {
        var settings = await TestDatabases.CreateAsync(engine, _temp);
        await using var database = await WaymarkDatabase.OpenAsync(settings);
        var ada = (await database.Users.AddAsync("ada", "analyst", "$argon2id$placeholder"))!.Value;
        const string id = "0123456789abcdef0123456789abcdef";
        await database.ConsoleSessions.AddAsync(id, ada, SignedIn);
        await using var connection = await database.OpenConnectionAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id_hash FROM console_sessions";
        var stored = (string)(await command.ExecuteScalarAsync())!;
        Assert.Equal(64, stored.Length);
        Assert.DoesNotContain(id, stored, StringComparison.Ordinal);
    }
}
