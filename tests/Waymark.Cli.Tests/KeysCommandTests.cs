using Waymark.Responses;
using Waymark.Testing;

namespace Waymark.Cli.Tests;

/// <summary><c>waymark keys</c>: fingerprints printed at generation, which half a file holds, the upgrade of an older pair.</summary>
public sealed class KeysCommandTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("KeysCommandTests");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Generate_prints_the_fingerprint_and_show_names_each_half_with_the_same_one()
    {
        var directory = _temp.NewFolder("cli-keys");
        var (code, output, error) = await CliRun.RunAsync("keys", "generate", "--out", directory);
        Assert.True(code == 0, error);
        var fingerprint = SealingKeys.Fingerprint(SealingKeys.ReadPublic(Path.Combine(directory, "research.pub")).Value!);
        Assert.Contains($"Fingerprint: {fingerprint}", output, StringComparison.Ordinal);

        var shownPublic = await CliRun.RunAsync("keys", "show", Path.Combine(directory, "research.pub"));
        Assert.Contains($"public key, fingerprint {fingerprint}", shownPublic.Output, StringComparison.Ordinal);
        var shownSecret = await CliRun.RunAsync("keys", "show", Path.Combine(directory, "research.key"));
        Assert.Contains($"SECRET key (keep it off the server), fingerprint {fingerprint}", shownSecret.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllText(Path.Combine(directory, "research.key")).Trim().Split(':')[1], shownSecret.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_gives_an_older_pair_its_prefixes()
    {
        var directory = _temp.NewFolder("cli-old-keys");
        var pair = Sodium.PublicKeyBox.GenerateKeyPair();
        File.WriteAllText(Path.Combine(directory, "research.pub"), Convert.ToBase64String(pair.PublicKey) + "\n");
        File.WriteAllText(Path.Combine(directory, "research.key"), Convert.ToBase64String(pair.PrivateKey) + "\n");
        Assert.Contains("cannot be told", (await CliRun.RunAsync("keys", "show", Path.Combine(directory, "research.pub"))).Output, StringComparison.Ordinal);

        var (code, output, error) = await CliRun.RunAsync("keys", "upgrade", "--dir", directory);
        Assert.True(code == 0, error);
        Assert.Contains(SealingKeys.Fingerprint(pair.PublicKey), output, StringComparison.Ordinal);
        Assert.StartsWith(SealingKeys.PublicPrefix, File.ReadAllText(Path.Combine(directory, "research.pub")), StringComparison.Ordinal);
        Assert.StartsWith(SealingKeys.SecretPrefix, File.ReadAllText(Path.Combine(directory, "research.key")), StringComparison.Ordinal);
    }
}
