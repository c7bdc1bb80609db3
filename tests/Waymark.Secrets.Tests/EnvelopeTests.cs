using System.Text;
using Waymark.Testing;

namespace Waymark.Secrets.Tests;

/// <summary>
/// The one envelope for data at rest: XChaCha20-Poly1305 in libsodium, checked against PyNaCl (Debian's
/// python3-nacl, an implementation we did not write), bound to its associated data and version byte, and able to
/// read what was sealed before it (AES-256-GCM).
/// </summary>
public sealed class EnvelopeTests
{
    private const string Python = "/usr/bin/python3";
    private static readonly byte[] Key = [.. Enumerable.Range(100, 32).Select(i => (byte)i)];
    private static readonly byte[] Row = Encoding.ASCII.GetBytes("account 42");

    [Fact]
    public void An_envelope_opens_with_its_key_and_associated_data_only_and_never_repeats()
    {
        var plaintext = Encoding.UTF8.GetBytes("zorblat ✓ عربي");
        var sealedBytes = Envelope.Seal(Key, plaintext, Row);

        Assert.Equal(plaintext.Length + Envelope.Overhead, sealedBytes.Length);
        Assert.Equal(Envelope.Version, sealedBytes[0]);
        Assert.NotEqual(sealedBytes, Envelope.Seal(Key, plaintext, Row)); // a fresh 24-byte nonce each time
        Assert.Equal(plaintext, Envelope.Open(Key, sealedBytes, Row));
        Assert.Null(Envelope.Open(Key, sealedBytes, Encoding.ASCII.GetBytes("account 43")));
        Assert.Null(Envelope.Open(new byte[32], sealedBytes, Row));
        Assert.Empty(Envelope.Open(Key, Envelope.Seal(Key, [], Row), Row)!);
    }

    [Fact]
    public void Every_bit_flip_every_truncation_and_a_changed_version_byte_are_refused()
    {
        var sealedBytes = Envelope.Seal(Key, "quenmix answer"u8, Row);
        for (var bit = 0; bit < sealedBytes.Length * 8; bit++)
        {
            var tampered = (byte[])sealedBytes.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Null(Envelope.Open(Key, tampered, Row));
        }

        for (var length = 0; length < sealedBytes.Length; length++)
        {
            Assert.Null(Envelope.Open(Key, sealedBytes.AsSpan(0, length), Row));
        }
    }

    [Fact]
    public void A_key_of_the_wrong_length_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => Envelope.Seal(new byte[16], "x"u8, []));
        Assert.Throws<ArgumentException>(() => Envelope.Open(new byte[31], new byte[64], []));
    }

    [Fact]
    public async Task PyNaCl_opens_what_the_envelope_seals_and_the_envelope_opens_what_PyNaCl_seals()
    {
        var sealedBytes = Envelope.Seal(Key, Encoding.UTF8.GetBytes("zorblat ☃"), Row);
        var opened = await PythonAsync(
            """
            import base64, sys
            from nacl.bindings import crypto_aead_xchacha20poly1305_ietf_decrypt as decrypt
            key, sealed, row = (base64.b64decode(a) for a in sys.argv[1:4])
            assert sealed[0] == 0x58
            sys.stdout.buffer.write(decrypt(sealed[25:], bytes([0x58]) + row, sealed[1:25], key))
            """,
            Convert.ToBase64String(Key), Convert.ToBase64String(sealedBytes), Convert.ToBase64String(Row));
        Assert.Equal("zorblat ☃", opened);

        var fromPython = Convert.FromBase64String((await PythonAsync(
            """
            import base64, os, sys
            from nacl.bindings import crypto_aead_xchacha20poly1305_ietf_encrypt as encrypt
            key, row = (base64.b64decode(a) for a in sys.argv[1:3])
            nonce = os.urandom(24)
            print(base64.b64encode(bytes([0x58]) + nonce + encrypt('quenmix ✓'.encode(), bytes([0x58]) + row, nonce, key)).decode())
            """,
            Convert.ToBase64String(Key), Convert.ToBase64String(Row))).Trim());
        Assert.Equal("quenmix ✓", Encoding.UTF8.GetString(Envelope.Open(Key, fromPython, Row)!));
        Assert.Null(Envelope.Open(Key, fromPython, []));
    }

    [Fact]
    public void Text_sealed_before_the_envelope_still_opens_even_when_its_nonce_begins_with_the_version_byte()
    {
        // AES-256-GCM as SealedText wrote it before: prefix + Base64(nonce 12 | ciphertext | tag 16).
        var legacy = Envelope.SealLegacyAesGcmForTests(Key, "old secret"u8, Row);
        Assert.Equal("old secret"u8.ToArray(), Envelope.OpenLegacyAesGcm(Key, legacy, Row));
        Assert.Null(Envelope.Open(Key, legacy, Row));
        Assert.Equal("old secret", SealedText.Open(Key, "p1:", "p1:" + Convert.ToBase64String(legacy), Row));
        Assert.Null(SealedText.Open(Key, "p1:", "p1:" + Convert.ToBase64String(legacy), Encoding.ASCII.GetBytes("account 43")));

        // One old value in 256 begins with the envelope's version byte by chance: it fails the envelope's check and is read the old way.
        byte[] lookalike;
        do
        {
            lookalike = Envelope.SealLegacyAesGcmForTests(Key, "old secret"u8, Row);
        }
        while (lookalike[0] != Envelope.Version);

        Assert.Null(Envelope.Open(Key, lookalike, Row));
        Assert.Equal("old secret", SealedText.Open(Key, "p1:", "p1:" + Convert.ToBase64String(lookalike), Row));

        // Sealed again, it is in the envelope.
        var resealed = SealedText.Seal(Key, "p1:", "old secret", Row);
        Assert.Equal(Envelope.Version, Convert.FromBase64String(resealed[3..])[0]);
    }

    private static async Task<string> PythonAsync(string script, params string[] arguments)
    {
        var run = await ExternalProgram.RunAsync(Python, ["-c", script, .. arguments]);
        run.AssertSuccess();
        return run.Output;
    }
}
