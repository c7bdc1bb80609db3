using System.Text;
using Waymark.Testing;

namespace Waymark.Responses.Tests;

/// <summary>
/// Sealed boxes against an implementation we did not write: PyNaCl (Debian's python3-nacl, which
/// test.sh installs). What Waymark seals, PyNaCl opens with the key file as written; what PyNaCl
/// seals, Waymark opens.
/// </summary>
public sealed class SealedBoxInteropTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("SealedBoxInteropTests");

    public void Dispose() => _temp.Dispose();

    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task PyNaCl_opens_what_Waymark_seals_with_the_key_files_as_written()
    {
        var directory = _temp.NewFolder("keys");
        var generated = SealingKeys.Generate(directory);
        Assert.True(generated.IsSuccess, generated.Error);
        var publicKey = SealingKeys.ReadPublic(generated.Value.PublicKeyPath).Value!;
        var message = "{\"answers\":{\"q1\":\"zorblat ☃ عربي\"}}";
        var sealedFile = Path.Combine(directory, "sealed.bin");
        await File.WriteAllBytesAsync(sealedFile, SealedBox.Seal(Encoding.UTF8.GetBytes(message), publicKey));

        var opened = await RunPythonAsync(
            """
            import base64, sys
            from nacl.public import PrivateKey, SealedBox
            key = PrivateKey(base64.b64decode(open(sys.argv[1]).read().strip().split(':', 1)[1]))
            sys.stdout.buffer.write(SealedBox(key).decrypt(open(sys.argv[2], 'rb').read()))
            """,
            generated.Value.SecretKeyPath,
            sealedFile);

        Assert.Equal(message, opened);
    }

    [Fact]
    public async Task Waymark_opens_what_PyNaCl_seals_and_refuses_the_wrong_key_or_altered_bytes()
    {
        var directory = _temp.NewFolder("keys");
        var generated = SealingKeys.Generate(directory);
        var secret = SealingKeys.ReadSecret(generated.Value.SecretKeyPath).Value!;
        var sealedBase64 = await RunPythonAsync(
            """
            import base64, sys
            from nacl.public import PublicKey, SealedBox
            key = PublicKey(base64.b64decode(open(sys.argv[1]).read().strip().split(':', 1)[1]))
            print(base64.b64encode(SealedBox(key).encrypt('quenmix ✓'.encode())).decode())
            """,
            generated.Value.PublicKeyPath);
        var sealedBytes = Convert.FromBase64String(sealedBase64.Trim());
        Assert.Equal("quenmix ✓".Length + 2 + SealedBox.Overhead, sealedBytes.Length);

        var opened = SealedBox.Open(sealedBytes, secret);
        Assert.True(opened.IsSuccess, opened.Error);
        Assert.Equal("quenmix ✓", Encoding.UTF8.GetString(opened.Value!));

        var other = SealingKeys.Generate(_temp.NewFolder("keys")).Value;
        Assert.False(SealedBox.Open(sealedBytes, SealingKeys.ReadSecret(other.SecretKeyPath).Value!).IsSuccess);
        sealedBytes[^1] ^= 1;
        Assert.Contains("cannot be opened", SealedBox.Open(sealedBytes, secret).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Generating_refuses_to_overwrite_a_key_pair_and_the_secret_key_is_private_to_its_owner()
    {
        var directory = _temp.NewFolder("keys");
        var first = SealingKeys.Generate(directory);
        Assert.True(first.IsSuccess);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.Value.SecretKeyPath));
        }

        var before = File.ReadAllText(first.Value.SecretKeyPath);

        var second = SealingKeys.Generate(directory);
        Assert.False(second.IsSuccess);
        Assert.Contains("refusing to overwrite", second.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(first.Value.SecretKeyPath));
        Assert.Equal(SealingKeys.ReadPublic(first.Value.PublicKeyPath).Value, SealingKeys.PublicKeyOf(SealingKeys.ReadSecret(first.Value.SecretKeyPath).Value!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void A_malformed_key_is_a_clear_failure(string text)
    {
        var parsed = SealingKeys.ParsePublic(Encoding.UTF8.GetBytes(text), "research.pub");
        Assert.False(parsed.IsSuccess);
        Assert.Contains("research.pub: not a key", parsed.Error, StringComparison.Ordinal);
    }

    private static async Task<string> RunPythonAsync(string script, params string[] arguments)
    {
        Assert.True(File.Exists(Python), "python3 with python3-nacl is needed (test.sh installs it).");
        var run = await ExternalProgram.RunAsync(Python, ["-c", script, .. arguments]);
        return run.AssertSuccess().Output;
    }
}
