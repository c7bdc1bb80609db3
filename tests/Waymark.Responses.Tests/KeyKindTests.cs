using System.Text;
using Waymark.Testing;

namespace Waymark.Responses.Tests;

/// <summary>
/// Research keys that cannot be mixed up: each half says what it is, a secret key is refused where a
/// public key is expected (and the reverse), keys from before the prefixes are accepted only where
/// that is safe, and the upgrade proves from the pair which half is which.
/// </summary>
public sealed class KeyKindTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("KeyKindTests");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_two_halves_carry_distinct_prefixes_and_share_one_fingerprint()
    {
        var keys = SealingKeys.Generate(_temp.NewFolder("keys")).Value;
        var publicText = File.ReadAllText(keys.PublicKeyPath).Trim();
        var secretText = File.ReadAllText(keys.SecretKeyPath).Trim();
        Assert.StartsWith("waymark-public-key-1:", publicText, StringComparison.Ordinal);
        Assert.StartsWith("WAYMARK-SECRET-KEY-1:", secretText, StringComparison.Ordinal);

        var key = new byte[SealingKeys.KeyBytes];
        Assert.Equal(KeyKind.Public, SealingKeys.Decode(Encoding.ASCII.GetBytes(publicText), key));
        var publicKey = key.ToArray();
        Assert.Equal(KeyKind.Secret, SealingKeys.Decode(Encoding.ASCII.GetBytes(secretText), key));
        Assert.Equal(publicKey, SealingKeys.PublicKeyOf(key));
        Assert.Matches("^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$", SealingKeys.Fingerprint(publicKey));
        Assert.Equal(SealingKeys.Fingerprint(publicKey), SealingKeys.Fingerprint(SealingKeys.PublicKeyOf(SealingKeys.ReadSecret(keys.SecretKeyPath).Value!)));
        Assert.NotEqual(SealingKeys.Fingerprint(publicKey), SealingKeys.Fingerprint(SealingKeys.ReadSecret(keys.SecretKeyPath).Value!));
    }

    [Fact]
    public void A_secret_key_where_a_public_key_is_expected_is_refused_with_a_message_that_says_so()
    {
        var keys = SealingKeys.Generate(_temp.NewFolder("keys")).Value;
        var refused = SealingKeys.ParsePublic(File.ReadAllBytes(keys.SecretKeyPath), "the public key file");
        Assert.False(refused.IsSuccess);
        Assert.Contains("the public key file is a SECRET key", refused.Error, StringComparison.Ordinal);
        Assert.Contains("must never go to the server", refused.Error, StringComparison.Ordinal);

        // Lower-cased or padded, it is still recognised.
        var lowered = Encoding.ASCII.GetBytes("  " + File.ReadAllText(keys.SecretKeyPath).Trim().Replace("WAYMARK-SECRET-KEY-1", "waymark-secret-key-1", StringComparison.Ordinal) + "\r\n");
        Assert.Contains("is a SECRET key", SealingKeys.ParsePublic(lowered, "pasted").Error, StringComparison.Ordinal);

        var publicAsSecret = SealingKeys.ReadSecret(keys.PublicKeyPath);
        Assert.False(publicAsSecret.IsSuccess);
        Assert.Contains("is the PUBLIC key", publicAsSecret.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unmarked_key_from_before_the_prefixes_is_refused_as_a_public_key_and_accepted_as_a_secret_key()
    {
        var directory = _temp.NewFolder("old-keys");
        var (publicKey, secretKey) = OldPair(directory);

        var asPublic = SealingKeys.ReadPublic(Path.Combine(directory, "research.pub"));
        Assert.False(asPublic.IsSuccess);
        Assert.Contains("cannot be told apart from a secret key", asPublic.Error, StringComparison.Ordinal);
        Assert.Contains("waymark keys upgrade", asPublic.Error, StringComparison.Ordinal);

        Assert.Equal(secretKey, SealingKeys.ReadSecret(Path.Combine(directory, "research.key")).Value);
        Assert.Equal(publicKey, SealingKeys.PublicKeyOf(secretKey));
    }

    [Fact]
    public void Upgrading_an_old_pair_adds_the_prefixes_and_puts_swapped_files_right()
    {
        var directory = _temp.NewFolder("old-keys");
        var (publicKey, secretKey) = OldPair(directory);
        var upgraded = SealingKeys.Upgrade(directory);
        Assert.True(upgraded.IsSuccess, upgraded.Error);
        Assert.Contains(SealingKeys.Fingerprint(publicKey), upgraded.Value, StringComparison.Ordinal);
        Assert.Equal(publicKey, SealingKeys.ReadPublic(Path.Combine(directory, "research.pub")).Value);
        Assert.Equal(secretKey, SealingKeys.ReadSecret(Path.Combine(directory, "research.key")).Value);
        Assert.Contains("already upgraded", SealingKeys.Upgrade(directory).Value, StringComparison.Ordinal);

        var swapped = _temp.NewFolder("swapped-keys");
        (publicKey, secretKey) = OldPair(swapped, swap: true);
        Assert.Contains("SWAPPED", SealingKeys.Upgrade(swapped).Value, StringComparison.Ordinal);
        Assert.Equal(publicKey, SealingKeys.ReadPublic(Path.Combine(swapped, "research.pub")).Value);
        Assert.Equal(secretKey, SealingKeys.ReadSecret(Path.Combine(swapped, "research.key")).Value);

        var unrelated = _temp.NewFolder("unrelated-keys");
        OldPair(unrelated);
        File.WriteAllText(Path.Combine(unrelated, "research.pub"), Convert.ToBase64String(new byte[32]) + "\n");
        var before = File.ReadAllText(Path.Combine(unrelated, "research.key"));
        Assert.Contains("not two halves of one key pair", SealingKeys.Upgrade(unrelated).Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(unrelated, "research.key")));
    }

    /// <summary>A pair as versions before the prefixes wrote it: bare Base64 in both files.</summary>
    private static (byte[] PublicKey, byte[] SecretKey) OldPair(string directory, bool swap = false)
    {
        var pair = Sodium.PublicKeyBox.GenerateKeyPair();
        File.WriteAllText(Path.Combine(directory, swap ? "research.key" : "research.pub"), Convert.ToBase64String(pair.PublicKey) + "\n");
        File.WriteAllText(Path.Combine(directory, swap ? "research.pub" : "research.key"), Convert.ToBase64String(pair.PrivateKey) + "\n");
        return (pair.PublicKey, pair.PrivateKey);
    }
}
