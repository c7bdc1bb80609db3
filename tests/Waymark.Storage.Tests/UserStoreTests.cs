using Waymark.Testing;

namespace Waymark.Storage.Tests;

public sealed class UserStoreTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("UserStoreTests");

    public void Dispose() => _temp.Dispose();

    private async Task<(WaymarkDatabase Database, long Id)> WithUserAsync(DatabaseEngine engine)
    {
        var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var id = await database.Users.AddAsync("ada", "analyst", "$argon2id$placeholder");
        Assert.NotNull(id);
        return (database, id.Value);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_account_is_added_once_and_found_by_name_and_id(DatabaseEngine engine)
    {
        var (database, id) = await WithUserAsync(engine);
        await using var _ = database;
        Assert.Null(await database.Users.AddAsync("ada", "admin", "other"));
        Assert.NotNull(await database.Users.AddAsync("bo", "editor", "h2"));

        var ada = await database.Users.FindByNameAsync("ada");
        Assert.Equal(["analyst"], ada!.Roles);
        Assert.Equal(new StoredUser(id, "ada", ada.Roles, "$argon2id$placeholder", null, null, 0, 0, null, false, 0), ada);
        var byId = await database.Users.FindByIdAsync(id);
        Assert.Equal(ada, byId! with { Roles = ada.Roles });
        Assert.Equal(ada.Roles, byId.Roles);
        Assert.Null(await database.Users.FindByNameAsync("ADA"));
        Assert.Equal(["ada", "bo"], (await database.Users.ListAsync()).Select(u => u.Name));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_role_outside_the_three_is_refused_by_the_schema_and_no_account_is_left_half_made(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => database.Users.AddAsync("eve", "root", "h"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => database.Users.AddAsync("eve", ["editor", "root"], "h"));
        Assert.Null(await database.Users.FindByNameAsync("eve"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task An_account_holds_several_roles_and_changing_them_ends_its_sessions(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var id = (await database.Users.AddAsync("cy", ["editor", "analyst", "editor"], "h"))!.Value;
        Assert.NotNull(await database.Users.AddAsync("dee", "admin", "h"));
        Assert.Equal(["analyst", "editor"], (await database.Users.FindByNameAsync("cy"))!.Roles);

        Assert.True(await database.Users.SetRolesAsync(id, ["admin", "analyst"]));
        var cy = await database.Users.FindByIdAsync(id);
        Assert.Equal(["admin", "analyst"], cy!.Roles);
        Assert.Equal(1L, cy.SessionVersion);
        Assert.False(await database.Users.SetRolesAsync(id + 1000, ["editor"]));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => database.Users.SetRolesAsync(id, ["analyst", "root"]));
        Assert.Equal(["admin", "analyst"], (await database.Users.FindByIdAsync(id))!.Roles); // the failed change left nothing behind

        var listed = await database.Users.ListAsync();
        Assert.Equal([["admin", "analyst"], ["admin"]], listed.Select(u => u.Roles));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Accounts_made_before_several_roles_keep_their_one_role(DatabaseEngine engine)
    {
        var settings = await TestDatabases.CreateAsync(engine, _temp);
        await using (var old = await WaymarkDatabase.OpenAsync(settings, upToVersion: 60))
        {
            await using var connection = await old.OpenConnectionAsync(default);
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO users (name, role, password_hash, session_version) VALUES ('ada', 'admin', 'h1', 3), ('bo', 'analyst', 'h2', 0)";
            await command.ExecuteNonQueryAsync();
        }

        await using var database = await WaymarkDatabase.OpenAsync(settings);
        var users = await database.Users.ListAsync();
        Assert.Equal([("ada", "admin", 3L), ("bo", "analyst", 0L)], users.Select(u => (u.Name, string.Join(',', u.Roles), u.SessionVersion)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task A_password_given_by_an_admin_is_replaced_once_at_the_first_sign_in(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var given = (await database.Users.AddAsync("cy", ["analyst"], "given-hash", mustChangePassword: true))!.Value;
        var own = (await database.Users.AddAsync("dee", ["editor"], "own-hash"))!.Value;
        Assert.True((await database.Users.FindByIdAsync(given))!.MustChangePassword);
        Assert.False((await database.Users.FindByIdAsync(own))!.MustChangePassword);

        Assert.False(await database.Users.SetFirstPasswordAsync(given, "other-hash", "new-hash")); // not the password it holds
        Assert.False(await database.Users.SetFirstPasswordAsync(own, "own-hash", "new-hash")); // nothing to replace
        Assert.True(await database.Users.SetFirstPasswordAsync(given, "given-hash", "new-hash"));
        Assert.False(await database.Users.SetFirstPasswordAsync(given, "new-hash", "newer-hash")); // once only
        var cy = (await database.Users.FindByIdAsync(given))!;
        Assert.Equal(("new-hash", false), (cy.PasswordHash, cy.MustChangePassword));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Each_totp_step_is_used_once_and_older_steps_never(DatabaseEngine engine)
    {
        var (database, id) = await WithUserAsync(engine);
        await using var _ = database;
        await database.Users.SetPendingTotpAsync(id, "PENDINGONE");
        Assert.False(await database.Users.ConfirmTotpAsync(id, "WRONG", "SECRETONE", 100)); // another offer replaced it
        Assert.True(await database.Users.ConfirmTotpAsync(id, "PENDINGONE", "SECRETONE", 100));
        Assert.False(await database.Users.ConfirmTotpAsync(id, "PENDINGONE", "SECRETONE", 101)); // already enrolled

        var user = await database.Users.FindByIdAsync(id);
        Assert.Equal(("SECRETONE", (string?)null, 100L), (user!.TotpSecret, user.TotpPending, user.TotpLastStep));
        Assert.False(await database.Users.TryUseTotpStepAsync(id, 100));
        Assert.True(await database.Users.TryUseTotpStepAsync(id, 101));
        Assert.False(await database.Users.TryUseTotpStepAsync(id, 101));
        Assert.False(await database.Users.TryUseTotpStepAsync(id, 99));

        Assert.True(await database.Users.ResetTotpAsync(id));
        user = await database.Users.FindByIdAsync(id);
        Assert.Equal(((string?)null, 0L, 1L), (user!.TotpSecret, user.TotpLastStep, user.SessionVersion));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_fifth_claim_locks_a_locked_account_refuses_claims_and_a_right_check_gives_its_claim_back(DatabaseEngine engine)
    {
        var (database, id) = await WithUserAsync(engine);
        await using var _ = database;
        var now = new DateTimeOffset(2026, 11, 27, 9, 45, 0, TimeSpan.Zero);
        var until = now.AddMinutes(15);
        for (var i = 1; i < 4; i++)
        {
            Assert.False(await database.Users.ClaimAttemptAsync(id, 5, now, until));
            Assert.Equal(i, (await database.Users.FindByIdAsync(id))!.FailedLogins);
        }

        // A right check gives its claim back: three failures still, then a fourth.
        Assert.False(await database.Users.ClaimAttemptAsync(id, 5, now, until));
        await database.Users.ReturnAttemptAsync(id, 5, until, lockedByIt: false);
        Assert.Equal(3, (await database.Users.FindByIdAsync(id))!.FailedLogins);
        Assert.False(await database.Users.ClaimAttemptAsync(id, 5, now, until));

        Assert.True(await database.Users.ClaimAttemptAsync(id, 5, now, until));
        var locked = await database.Users.FindByIdAsync(id);
        Assert.Equal((0, (DateTimeOffset?)until), (locked!.FailedLogins, locked.LockedUntil));
        Assert.Null(await database.Users.ClaimAttemptAsync(id, 5, until.AddSeconds(-1), until.AddMinutes(15)));

        // The claim that locked, if right after all, unlocks with the count just below the limit.
        await database.Users.ReturnAttemptAsync(id, 5, until, lockedByIt: true);
        var unlocked = await database.Users.FindByIdAsync(id);
        Assert.Equal((4, (DateTimeOffset?)null), (unlocked!.FailedLogins, unlocked.LockedUntil));

        Assert.True(await database.Users.ClaimAttemptAsync(id, 5, now, until));
        Assert.False(await database.Users.ClaimAttemptAsync(id, 5, until, until.AddMinutes(15))); // the lock has ended
        await database.Users.RecordSuccessAsync(id);
        var cleared = await database.Users.FindByIdAsync(id);
        Assert.Equal((0, (DateTimeOffset?)null), (cleared!.FailedLogins, cleared.LockedUntil));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_claims_get_exactly_five_past_a_lock_period(DatabaseEngine engine)
    {
        var (database, id) = await WithUserAsync(engine);
        await using var _ = database;
        var now = new DateTimeOffset(2026, 11, 27, 9, 45, 0, TimeSpan.Zero);
        using var start = new SemaphoreSlim(0);
        var claims = Enumerable.Range(0, 40).Select(async _ =>
        {
            await start.WaitAsync();
            return await database.Users.ClaimAttemptAsync(id, 5, now, now.AddMinutes(15));
        }).ToList();
        start.Release(claims.Count);
        var results = await Task.WhenAll(claims);
        Assert.Equal((4, 1, 35), (results.Count(r => r == false), results.Count(r => r == true), results.Count(r => r is null)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Disabling_ends_sessions_and_a_new_hash_is_kept(DatabaseEngine engine)
    {
        var (database, id) = await WithUserAsync(engine);
        await using var _ = database;
        Assert.True(await database.Users.SetDisabledAsync(id, true));
        await database.Users.SetPasswordHashAsync(id, "$argon2id$stronger");
        var user = await database.Users.FindByIdAsync(id);
        Assert.Equal((true, 1L, "$argon2id$stronger"), (user!.Disabled, user.SessionVersion, user.PasswordHash));
        Assert.False(await database.Users.SetDisabledAsync(id + 1000, true));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task The_audit_log_keeps_minutes_only_newest_first(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var at = new DateTimeOffset(2026, 11, 27, 9, 41, 37, 123, TimeSpan.Zero);
        await database.AuditLog.AddAsync(at, "ada", "login");
        await database.AuditLog.AddAsync(at.AddMinutes(3), "ada", "user added", "bo (editor) " + new string('x', 500));

        var entries = await database.AuditLog.ReadLatestAsync(10);
        Assert.Equal(2, entries.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 44, 0, TimeSpan.Zero), entries[0].AtMinute);
        Assert.Equal(AuditLogStore.MaxTextLength, entries[0].Detail.Length);
        Assert.Equal(new AuditEntry(new DateTimeOffset(2026, 11, 27, 9, 41, 0, TimeSpan.Zero), "ada", "login", ""), entries[1]);
        Assert.Single(await database.AuditLog.ReadLatestAsync(1));
    }
}
