using Waymark.Testing;
using Waymark.Web.Analysis;

namespace Waymark.Web.Tests.Console;

/// <summary>The in-memory key vault: one session's keys, lent as copies that are zeroed, gone when the session idles, ages or locks.</summary>
public sealed class SealedKeyVaultTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Public = [.. Enumerable.Range(100, 32).Select(i => (byte)i)];
    private static readonly byte[] Secret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private static (SealedKeyVault Vault, ManualClock Clock) NewVault()
    {
        var clock = new ManualClock(Start);
        return (new SealedKeyVault(clock, TimeSpan.FromMinutes(20), TimeSpan.FromHours(10)), clock);
    }

    [Fact]
    public void A_key_is_lent_as_a_copy_that_is_zeroed_after_use_and_only_to_its_session()
    {
        var (vault, _) = NewVault();
        using var _ = vault;
        vault.Hold("session-a", Secret, Public);

        byte[]? lent = null;
        var seen = vault.Use("session-a", Public, key =>
        {
            lent = key;
            return key?.ToArray();
        });
        Assert.Equal(Secret, seen);
        Assert.NotSame(Secret, lent);
        Assert.All(lent!, b => Assert.Equal(0, b));

        Assert.Null(vault.Use<byte[]?>("session-b", Public, key => key));
        Assert.Null(vault.Use<byte[]?>("session-a", new byte[32], key => key));
        Assert.Null(vault.Use<byte[]?>(null, Public, key => key));
        Assert.True(vault.IsUnlocked("session-a", Public));
    }

    [Fact]
    public void Wipe_forgets_the_session_and_only_that_session()
    {
        var (vault, _) = NewVault();
        using var _ = vault;
        vault.Hold("session-a", Secret, Public);
        vault.Hold("session-b", Secret, Public);
        Assert.True(vault.Wipe("session-a"));
        Assert.False(vault.Wipe("session-a"));
        Assert.False(vault.IsUnlocked("session-a", Public));
        Assert.True(vault.IsUnlocked("session-b", Public));
        Assert.Equal(1, vault.SessionCount);
    }

    [Fact]
    public void Keys_follow_the_idle_timeout_while_activity_keeps_them_until_the_absolute_limit()
    {
        var (vault, clock) = NewVault();
        using var _ = vault;
        vault.Hold("idle", Secret, Public);
        vault.Hold("busy", Secret, Public);
        for (var minute = 0; minute < 25; minute += 5)
        {
            clock.Now = Start.AddMinutes(minute);
            vault.Touch("busy");
        }

        clock.Now = Start.AddMinutes(21);
        vault.Sweep();
        Assert.False(vault.IsUnlocked("idle", Public));
        Assert.True(vault.IsUnlocked("busy", Public));
        Assert.Equal(1, vault.SessionCount);

        for (var minutes = 30; minutes <= 600; minutes += 10)
        {
            clock.Now = Start.AddMinutes(minutes);
            vault.Touch("busy");
        }

        clock.Now = Start.AddHours(10).AddMinutes(1);
        Assert.False(vault.IsUnlocked("busy", Public));
        Assert.Equal(0, vault.SessionCount);
    }
}
