using Waymark.Storage;
using Waymark.Testing;
using Waymark.Web.Accounts;

namespace Waymark.Web.Tests.Console;

/// <summary>Passwords, codes and lockout in time, with a clock the test moves.</summary>
public sealed class AccountTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_hash_is_argon2id_with_its_parameters_and_salt_and_verifies_only_its_password()
    {
        var hash = PasswordHashing.Hash("correct horse battery", PasswordHashing.Current);
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", hash, StringComparison.Ordinal);
        Assert.NotEqual(hash, PasswordHashing.Hash("correct horse battery", PasswordHashing.Current)); // salted
        Assert.Equal(PasswordCheck.Right, PasswordHashing.Verify("correct horse battery", hash));
        Assert.Equal(PasswordCheck.Wrong, PasswordHashing.Verify("correct horse batterx", hash));
        foreach (var broken in new[] { "", "plain", "$argon2id$v=19$m=x,t=2,p=1$AAAA$AAAA", hash[..^10], "$argon2i$" + hash[10..] })
        {
            Assert.Equal(PasswordCheck.Wrong, PasswordHashing.Verify("correct horse battery", broken));
        }
    }

    [Fact]
    public void A_hash_with_weaker_parameters_still_verifies_and_asks_for_a_rehash()
    {
        var weak = PasswordHashing.Hash("correct horse battery", new Argon2Parameters(8 * 1024, 1, 1));
        Assert.Equal(PasswordCheck.RightButRehash, PasswordHashing.Verify("correct horse battery", weak));
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
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(engine));
        var clock = new ManualClock(Start);
        var accounts = new ConsoleAccounts(database, clock);
        Assert.True((await accounts.AddAsync("ada", ConsoleRole.Analyst, "correct horse battery", "test")).Succeeded);

        var step = await accounts.CheckPasswordAsync("ada", "correct horse battery", default);
        Assert.Equal(LoginOutcome.NeedsEnrolment, step.Outcome);
        var secret = (await accounts.PendingSecretAsync(step.User!.Id, default))!;
        Assert.Equal(secret, await accounts.PendingSecretAsync(step.User.Id, default)); // stable until confirmed
        Assert.Equal(LoginOutcome.SignedIn, (await accounts.ConfirmEnrolmentAsync(step.User.Id, TotpCodes.Compute(secret, clock.Now), default)).Outcome);
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
    [InlineData("Ada", "lower-case")]
    [InlineData("", "1 to 64")]
    [InlineData("a b", "lower-case")]
    public async Task Bad_names_and_short_passwords_are_refused_with_a_reason(string name, string reason)
    {
        await using var database = await WaymarkDatabase.OpenAsync(await TestDatabases.CreateAsync(DatabaseEngine.Sqlite));
        var accounts = new ConsoleAccounts(database, TimeProvider.System);
        var result = await accounts.AddAsync(name, ConsoleRole.Editor, "long enough password", "test");
        Assert.False(result.Succeeded);
        Assert.Contains(reason, result.Message, StringComparison.Ordinal);
        var shortPassword = await accounts.AddAsync("ok", ConsoleRole.Editor, "short", "test");
        Assert.Contains("12 to 256", shortPassword.Message, StringComparison.Ordinal);
        Assert.Empty(await accounts.ListAsync());
    }
}
