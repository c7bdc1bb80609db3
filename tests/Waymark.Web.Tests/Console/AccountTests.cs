using Waymark.Accounts;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Web.Tests.Console;

/// <summary>Passwords, codes and lockout in time, with a clock the test moves.</summary>
public sealed class AccountTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("AccountTests");

    public void Dispose() => _temp.Dispose();

    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_hash_is_argon2id_with_its_parameters_and_salt_and_verifies_only_its_password()
    {
        var hash = PasswordHashing.Hash("correct horse battery", PasswordHashing.Current);
        Assert.StartsWith("$argon2id$v=19$m=19456,t=3,p=1$", hash, StringComparison.Ordinal);
        Assert.NotEqual(hash, PasswordHashing.Hash("correct horse battery", PasswordHashing.Current)); // salted
        Assert.Equal(PasswordCheck.Right, PasswordHashing.Verify("correct horse battery", hash));
        Assert.Equal(PasswordCheck.Wrong, PasswordHashing.Verify("correct horse batterx", hash));
        foreach (var broken in new[] { "", "plain", "$argon2id$v=19$m=x,t=2,p=1$AAAA$AAAA", hash[..^10], "$argon2i$" + hash[10..] })
        {
            Assert.Equal(PasswordCheck.Wrong, PasswordHashing.Verify("correct horse battery", broken));
        }
    }

    /// <summary>
    /// Hashes written by the reference Argon2id (Debian's <c>argon2</c> CLI, RFC 9106's code:
    /// <c>echo -n "correct horse battery" | argon2 SALT -id -t T -k M -p P -l 32 -e</c>): the 19 MiB, 2-pass hashes
    /// every account had before hashing moved to libsodium, a weaker one, and one with two lanes.
    /// </summary>
    [Theory]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$d2F5bWFyay1vbGQtc2FsdA$lbXaddZyMFIUrLU1KCS0Tk7XX/L5ni/xMTWHgLimClo", true)]
    [InlineData("$argon2id$v=19$m=8192,t=1,p=1$d2F5bWFyay13ZWFrLXNsdA$naH7L+Gnl8d2eM5UV6KYt+2q77qyplVZHELCvGzOOUo", true)]
    [InlineData("$argon2id$v=19$m=19456,t=3,p=2$d2F5bWFyay0ybGFuZXMtcw$/MB/BVNCyD6fQYZP7clumZgOJliOd9aSHzIGERMNAd0", false)]
    public void A_hash_from_the_reference_implementation_verifies_and_a_weaker_one_asks_for_a_rehash(string reference, bool rehash)
    {
        Assert.Equal(rehash ? PasswordCheck.RightButRehash : PasswordCheck.Right, PasswordHashing.Verify("correct horse battery", reference));
        Assert.Equal(PasswordCheck.Wrong, PasswordHashing.Verify("correct horse batterx", reference));
    }

    [Fact]
    public void A_code_is_accepted_one_step_either_side_and_not_two()
    {
        var secret = TotpCodes.NewSecret();
        foreach (var offset in new[] { -30, 0, 30 })
        {
            Assert.NotNull(TotpCodes.MatchStep(secret, TotpCodes.Compute(secret, Start.AddSeconds(offset)), Start));
        }

        foreach (var offset in new[] { -60, 60 })
        {
            Assert.Null(TotpCodes.MatchStep(secret, TotpCodes.Compute(secret, Start.AddSeconds(offset)), Start));
        }

        Assert.Equal(TotpCodes.MatchStep(secret, TotpCodes.Compute(secret, Start), Start), TotpCodes.MatchStep(secret, " " + TotpCodes.Compute(secret, Start)[..3] + "-" + TotpCodes.Compute(secret, Start)[3..], Start));
        foreach (var junk in new[] { null, "", "12345", "1234567", "abcdef", "١٢٣٤٥٦" })
        {
            Assert.Null(TotpCodes.MatchStep(secret, junk, Start));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Lockout_lasts_fifteen_minutes_by_the_injected_clock_and_codes_work_once(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var clock = new ManualClock(Start);
        var accounts = new ConsoleAccounts(database, clock, TotpSecretBox.ForKey(new byte[32]));
        Assert.True((await accounts.AddAsync("ada", ConsoleRole.Analyst, "correct horse battery", "test")).IsSuccess);

        var step = await accounts.CheckPasswordAsync("ada", "correct horse battery", default);
        Assert.Equal(LoginOutcome.NeedsEnrolment, step.Outcome);
        var shownFirst = (await accounts.NewPendingSecretAsync(step.User!.Id, "login-1", default))!;
        var secret = (await accounts.NewPendingSecretAsync(step.User.Id, "login-1", default))!;
        Assert.NotEqual(shownFirst, secret); // each key is shown once
        Assert.Equal(LoginOutcome.Failed, (await accounts.ConfirmEnrolmentAsync(step.User.Id, "login-1", TotpCodes.Compute(shownFirst, clock.Now), default)).Outcome);
        Assert.Equal(LoginOutcome.Failed, (await accounts.ConfirmEnrolmentAsync(step.User.Id, "login-2", TotpCodes.Compute(secret, clock.Now), default)).Outcome); // another sign-in
        Assert.Equal(LoginOutcome.SignedIn, (await accounts.ConfirmEnrolmentAsync(step.User.Id, "login-1", TotpCodes.Compute(secret, clock.Now), default)).Outcome);
        Assert.Equal(LoginOutcome.Failed, (await accounts.CheckCodeAsync(step.User.Id, TotpCodes.Compute(secret, clock.Now), default)).Outcome); // replay

        clock.Now = clock.Now.AddSeconds(30);
        Assert.Equal(LoginOutcome.NeedsCode, (await accounts.CheckPasswordAsync("ada", "correct horse battery", default)).Outcome);
        Assert.Equal(LoginOutcome.SignedIn, (await accounts.CheckCodeAsync(step.User.Id, TotpCodes.Compute(secret, clock.Now), default)).Outcome);

        for (var i = 0; i < ConsoleAccounts.MaxFailures; i++)
        {
            Assert.Equal(LoginOutcome.Failed, (await accounts.CheckPasswordAsync("ada", "wrong password here", default)).Outcome);
        }

        Assert.Equal(LoginOutcome.Failed, (await accounts.CheckPasswordAsync("ada", "correct horse battery", default)).Outcome);
        clock.Now = clock.Now + ConsoleAccounts.LockDuration - TimeSpan.FromSeconds(1);
        Assert.Equal(LoginOutcome.Failed, (await accounts.CheckPasswordAsync("ada", "correct horse battery", default)).Outcome);
        clock.Now = clock.Now.AddSeconds(2);
        Assert.Equal(LoginOutcome.NeedsCode, (await accounts.CheckPasswordAsync("ada", "correct horse battery", default)).Outcome);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_wrong_passwords_get_no_more_checks_than_the_lockout_allows(DatabaseEngine engine)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine, _temp));
        var clock = new ManualClock(Start);
        var accounts = new ConsoleAccounts(database, clock, TotpSecretBox.ForKey(new byte[32]));
        Assert.True((await accounts.AddAsync("ada", ConsoleRole.Analyst, "correct horse battery", "test")).IsSuccess);

        // Twelve wrong passwords at once: each reads the account unlocked before any has failed. Only
        // five may be checked (the fifth locks); the others get the same answer without a check. Were
        // all twelve checked, the count would pass five twice and lock (and audit) twice.
        using var start = new SemaphoreSlim(0);
        var tries = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await accounts.CheckPasswordAsync("ada", $"wrong password number {i}", default);
        })).ToList();
        start.Release(tries.Count);
        Assert.All(await Task.WhenAll(tries), step => Assert.Equal(LoginOutcome.Failed, step.Outcome));

        var audit = await database.AuditLog.ReadLatestAsync(100);
        Assert.Single(audit, entry => entry.Action == "account locked");
        var user = await database.Users.FindByNameAsync("ada");
        Assert.Equal((0, (DateTimeOffset?)(Start + ConsoleAccounts.LockDuration)), (user!.FailedLogins, user.LockedUntil));
        Assert.Equal(LoginOutcome.Failed, (await accounts.CheckPasswordAsync("ada", "correct horse battery", default)).Outcome);
    }

    [Theory]
    [InlineData("Ada", "lower-case")]
    [InlineData("", "1 to 64")]
    [InlineData("a b", "lower-case")]
    public async Task Bad_names_and_short_passwords_are_refused_with_a_reason(string name, string reason)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(DatabaseEngine.Sqlite, _temp));
        var accounts = new ConsoleAccounts(database, TimeProvider.System, TotpSecretBox.None);
        var result = await accounts.AddAsync(name, ConsoleRole.Editor, "long enough password", "test");
        Assert.False(result.IsSuccess);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        var shortPassword = await accounts.AddAsync("ok", ConsoleRole.Editor, "short", "test");
        Assert.Contains("12 to 256", shortPassword.Error, StringComparison.Ordinal);
        Assert.Empty(await accounts.ListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Engines), MemberType = typeof(TestDatabases))]
    public async Task Totp_secrets_are_encrypted_at_rest_and_old_plain_ones_are_sealed_at_the_next_sign_in(DatabaseEngine engine)
    {
        var settings = await TestDatabases.CreateAsync(engine, _temp);
        var keyFile = Path.Combine(_temp.NewFolder("secrets"), "secrets.key");
        var box = TotpSecretBox.LoadOrCreate(keyFile);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        Assert.Equal("X", TotpSecretBox.LoadOrCreate(keyFile).Open(1, box.Seal(1, "X"))); // the same file is read again, not replaced
        var clock = new ManualClock(Start);
        string enrolled, legacy;
        await using (var database = await WaymarkDatabase.OpenAsync(settings))
        {
            var accounts = new ConsoleAccounts(database, clock, box);
            Assert.True((await accounts.AddAsync("ada", ConsoleRole.Analyst, "correct horse battery", "test")).IsSuccess);
            Assert.True((await accounts.AddAsync("old", ConsoleRole.Editor, "correct horse battery", "test")).IsSuccess);
            var ada = (await accounts.CheckPasswordAsync("ada", "correct horse battery", default)).User!;
            enrolled = (await accounts.NewPendingSecretAsync(ada.Id, "login", default))!;
            var offered = (await database.Users.FindByIdAsync(ada.Id))!.TotpPending!;
            Assert.StartsWith("v1:", offered, StringComparison.Ordinal);
            Assert.Null(box.Open(ada.Id, offered)); // bound to the pending sign-in, not yet the account's
            Assert.Equal(LoginOutcome.SignedIn, (await accounts.ConfirmEnrolmentAsync(ada.Id, "login", TotpCodes.Compute(enrolled, clock.Now), default)).Outcome);
            var stored = (await database.Users.FindByIdAsync(ada.Id))!.TotpSecret!;
            Assert.StartsWith("v1:", stored, StringComparison.Ordinal);
            Assert.Equal(enrolled, box.Open(ada.Id, stored));
            Assert.Null(box.Open(ada.Id + 1, stored)); // bound to its account
            Assert.Null(TotpSecretBox.ForKey(new byte[32]).Open(ada.Id, stored)); // and to the key

            // An account enrolled before encryption: its plain secret still works, and is sealed on use.
            var old = (await database.Users.FindByNameAsync("old"))!;
            legacy = TotpCodes.NewSecret();
            await database.Users.SetPendingTotpAsync(old.Id, legacy);
            Assert.True(await database.Users.ConfirmTotpAsync(old.Id, legacy, legacy, 1));
            Assert.True(TotpSecretBox.IsPlain((await database.Users.FindByIdAsync(old.Id))!.TotpSecret!));
            clock.Now = clock.Now.AddSeconds(30);
            Assert.Equal(LoginOutcome.SignedIn, (await accounts.CheckCodeAsync(old.Id, TotpCodes.Compute(legacy, clock.Now), default)).Outcome);
            Assert.Equal(legacy, box.Open(old.Id, (await database.Users.FindByIdAsync(old.Id))!.TotpSecret!));
            Assert.False(TotpSecretBox.IsPlain((await database.Users.FindByIdAsync(old.Id))!.TotpSecret!));
            clock.Now = clock.Now.AddSeconds(30);
            Assert.Equal(LoginOutcome.SignedIn, (await accounts.CheckCodeAsync(old.Id, TotpCodes.Compute(legacy, clock.Now), default)).Outcome);
        }

        // The secret enrolled with encryption is nowhere in the database files; the old plain one is
        // gone from its row (a copy may linger in SQLite's free pages until VACUUM: docs/deploy.md).
        if (engine == DatabaseEngine.Sqlite)
        {
            var files = Directory.GetFiles(Path.GetDirectoryName(settings.SqlitePath)!, "waymark.db*");
            Assert.NotEmpty(files);
            foreach (var file in files)
            {
                var bytes = await File.ReadAllBytesAsync(file);
                Assert.False(bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(enrolled)) >= 0, $"{Path.GetFileName(file)} holds a TOTP secret");
            }
        }
        else
        {
            await using var source = Npgsql.NpgsqlDataSource.Create(settings.PostgresConnectionString!);
            await using var command = source.CreateCommand("SELECT string_agg(CAST(u AS text), '|') FROM users u");
            var everything = (string)(await command.ExecuteScalarAsync())!;
            Assert.Contains("v1:", everything, StringComparison.Ordinal);
            Assert.DoesNotContain(enrolled, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(legacy, everything, StringComparison.Ordinal);
        }
    }
}
