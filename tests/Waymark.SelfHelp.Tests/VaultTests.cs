using Waymark.Secrets;
using Waymark.SelfHelp.Vault;

namespace Waymark.SelfHelp.Tests;

public sealed class VaultTests
{
    private const string Phrase = "acorn bagel cedar daisy eagle fable gecko";

    [Fact]
    public void The_same_phrase_gives_the_same_keys_and_the_lookup_differs_from_the_key()
    {
        var first = VaultKeys.Derive(Phrase);
        var second = VaultKeys.Derive(RecoveryPhrase.Parse(" Acorn-Bagel cedar daisy eagle fable GECKO ").Phrase!);
        var other = VaultKeys.Derive("acorn bagel cedar daisy eagle fable gecka");

        Assert.Equal(first.Lookup, second.Lookup);
        Assert.Equal(first.Key, second.Key);
        Assert.NotEqual(first.Lookup, first.Key);
        Assert.NotEqual(first.Lookup, other.Lookup);
        Assert.Equal(VaultKeys.Length, first.Lookup.Length);
    }

    /// <summary>
    /// Both derivations equal the reference Argon2id (Debian's <c>argon2</c> CLI, the RFC 9106 reference
    /// code: <c>echo -n PHRASE | argon2 SALT -id -t T -k M -p 1 -l 32 -r</c>) followed by HKDF-Expand
    /// (Python's hmac): the current one through libsodium with salt <c>waymark/vault/v2</c>, t = 3,
    /// m = 12288 KiB; the legacy one (vaults written before) with <c>waymark/selfhelp/vault/v1</c>,
    /// t = 2, m = 19456 KiB, so old vaults are still found.
    /// </summary>
    [Theory]
    [InlineData(VaultKeys.CurrentVersion, "d4e3bc719127068951445b9ed1bcdd1462322bdfd11fce078c44c43fe33fbde8", "749c2f08d616b36b8d0a4405f244c29180035f65245bb8d5d77bdcb2ad10d71b")]
    [InlineData(VaultKeys.LegacyVersion, "8a6d82b3b399795004f2d4530fefa7c8253ff2efec4a8414c3ee098a454e25a0", "99194cb0683b01b38f076e7fe3a6d5aa4c9afcf10cbd08962c24987dd9e6fe0b")]
    public void Both_derivations_equal_the_reference_argon2id_and_hkdf(byte version, string lookup, string key)
    {
        var keys = VaultKeys.Derive(Phrase, version);
        Assert.Equal(version, keys.Version);
        Assert.Equal(lookup, Convert.ToHexStringLower(keys.Lookup));
        Assert.Equal(key, Convert.ToHexStringLower(keys.Key));
    }

    /// <summary>
    /// A phrase issued before there were lists per language (docs/adr/0031) derives the same reference keys as above when
    /// typed on the pages of any language, so its vault still opens; a Spanish phrase typed without accents derives the
    /// reference keys of its accented words (<c>echo -n "ábaco árbol azúcar bahía balcón bambú año atún" | argon2
    /// waymark/vault/v2 -id -t 3 -k 12288 -p 1 -l 32 -r</c>, then HKDF-Expand with Python's hmac).
    /// </summary>
    [Theory]
    [InlineData("en", "ACORN-bagel cedar daisy eagle fable gecko", "d4e3bc719127068951445b9ed1bcdd1462322bdfd11fce078c44c43fe33fbde8", "749c2f08d616b36b8d0a4405f244c29180035f65245bb8d5d77bdcb2ad10d71b")]
    [InlineData("es", "acorn bagel cedar daisy eagle fable gecko", "d4e3bc719127068951445b9ed1bcdd1462322bdfd11fce078c44c43fe33fbde8", "749c2f08d616b36b8d0a4405f244c29180035f65245bb8d5d77bdcb2ad10d71b")]
    [InlineData("zh-hans", "acorn bagel cedar daisy eagle fable gecko", "d4e3bc719127068951445b9ed1bcdd1462322bdfd11fce078c44c43fe33fbde8", "749c2f08d616b36b8d0a4405f244c29180035f65245bb8d5d77bdcb2ad10d71b")]
    [InlineData("en", "ABACO arbol azucar bahia balcon bambu ano atun", "464275b8e9d3b73a69e4440bb5098d58cfcbc2c0b62d3699316a87e5ba489be0", "0cd732c48fba08c5b4927757f9cbfb8500f0e0ce69a54d99861c771da57c048c")]
    [InlineData("fi", "ábaco árbol azúcar bahía balcón bambú año atún", "464275b8e9d3b73a69e4440bb5098d58cfcbc2c0b62d3699316a87e5ba489be0", "0cd732c48fba08c5b4927757f9cbfb8500f0e0ce69a54d99861c771da57c048c")]
    public void A_phrase_derives_the_reference_keys_whatever_the_page_language(string pageLanguage, string typed, string lookup, string key)
    {
        var reading = RecoveryPhrase.ParseAnyList(typed, pageLanguage);
        Assert.True(reading.IsSuccess, reading.Problem.ToString());

        var keys = VaultKeys.Derive(reading.Phrase!);

        Assert.Equal(lookup, Convert.ToHexStringLower(keys.Lookup));
        Assert.Equal(key, Convert.ToHexStringLower(keys.Key));
    }

    [Fact]
    public void A_vault_carries_its_derivation_version_and_opens_only_with_keys_of_that_version()
    {
        var legacy = VaultKeys.Derive(Phrase, VaultKeys.LegacyVersion);
        var current = VaultKeys.Derive(Phrase);
        var legacyBlob = VaultCipher.Seal(legacy, "zorblat"u8);
        var currentBlob = VaultCipher.Seal(current, "zorblat"u8);

        Assert.Equal(VaultKeys.LegacyVersion, legacyBlob[0]);
        Assert.Equal(VaultKeys.CurrentVersion, currentBlob[0]);
        Assert.Equal("zorblat"u8.ToArray(), VaultCipher.Open(legacy, legacyBlob));
        Assert.Null(VaultCipher.Open(current, legacyBlob));
        Assert.Null(VaultCipher.Open(legacy, currentBlob));
        Assert.Throws<InvalidOperationException>(legacy.ToBytes); // legacy keys never travel in a form token
    }

    [Fact]
    public void Sealed_progress_opens_with_its_keys_only()
    {
        var keys = VaultKeys.Derive(Phrase);
        var wrong = VaultKeys.Derive("acorn bagel cedar daisy eagle fable zebu");
        var plaintext = "quenmix reflection"u8.ToArray();

        var sealedBlob = VaultCipher.Seal(keys, plaintext);

        Assert.Equal(plaintext, VaultCipher.Open(keys, sealedBlob));
        Assert.Null(VaultCipher.Open(wrong, sealedBlob));
        Assert.Equal(0, (sealedBlob.Length - 1 - Waymark.Secrets.Envelope.Overhead) % VaultCipher.PaddingBlock);
        Assert.Equal(Waymark.Secrets.Envelope.Version, sealedBlob[1]); // the one envelope for data at rest
        Assert.NotEqual(sealedBlob, VaultCipher.Seal(keys, plaintext)); // a fresh nonce each time
    }

    /// <summary>
    /// A vault saved before the envelope (AES-256-GCM after the version byte, built here with the runtime's own
    /// AES-GCM as it was written then) still opens with its keys only, and is in the envelope once saved again.
    /// </summary>
    [Fact]
    public void A_vault_sealed_before_the_envelope_still_opens_and_is_sealed_in_the_envelope_when_saved_again()
    {
        var keys = VaultKeys.Derive(Phrase);
        var plaintext = "quenmix reflection"u8.ToArray();
        var padded = new byte[VaultCipher.PaddingBlock];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(padded, plaintext.Length);
        plaintext.CopyTo(padded.AsSpan(4));
        var old = new byte[1 + 12 + padded.Length + 16];
        old[0] = keys.Version;
        System.Security.Cryptography.RandomNumberGenerator.Fill(old.AsSpan(1, 12));
        using (var aes = new System.Security.Cryptography.AesGcm(keys.Key, 16))
        {
            aes.Encrypt(old.AsSpan(1, 12), padded, old.AsSpan(13, padded.Length), old.AsSpan(13 + padded.Length), [keys.Version, .. keys.Lookup]);
        }

        Assert.Equal(plaintext, VaultCipher.Open(keys, old));
        Assert.Null(VaultCipher.Open(VaultKeys.Derive("acorn bagel cedar daisy eagle fable zebu"), old));
        var tampered = (byte[])old.Clone();
        tampered[^1] ^= 1;
        Assert.Null(VaultCipher.Open(keys, tampered));

        var saved = VaultCipher.Seal(keys, VaultCipher.Open(keys, old)!);
        Assert.Equal(Waymark.Secrets.Envelope.Version, saved[1]);
        Assert.Equal(plaintext, VaultCipher.Open(keys, saved));
    }

    [Fact]
    public void Every_single_bit_flip_and_every_truncation_is_detected()
    {
        var keys = VaultKeys.Derive(Phrase);
        var sealedBlob = VaultCipher.Seal(keys, "zorblat answer"u8);
        var random = new Random(99);
        for (var i = 0; i < 500; i++)
        {
            var tampered = (byte[])sealedBlob.Clone();
            tampered[random.Next(tampered.Length)] ^= (byte)(1 << random.Next(8));
            Assert.Null(VaultCipher.Open(keys, tampered));
        }

        for (var length = 0; length < sealedBlob.Length; length += 37)
        {
            Assert.Null(VaultCipher.Open(keys, sealedBlob.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Keys_survive_a_round_trip_through_bytes()
    {
        var keys = VaultKeys.Derive(Phrase);

        var copy = VaultKeys.FromBytes(keys.ToBytes());

        Assert.NotNull(copy);
        Assert.Equal(keys.Lookup, copy.Lookup);
        Assert.Equal(keys.Key, copy.Key);
        Assert.Null(VaultKeys.FromBytes(new byte[10]));
    }

    [Fact]
    public void Progress_round_trips_and_rejects_what_is_not_progress()
    {
        var progress = new Progress();
        progress.Record("why-change", new Dictionary<string, string> { ["reasons"] = "zorblat", ["empty"] = "  " });

        var copy = Progress.FromJson(progress.ToJson());

        Assert.NotNull(copy);
        Assert.Contains("why-change", copy.Completed);
        Assert.Equal("zorblat", copy.AnswersFor("why-change")["reasons"]);
        Assert.False(copy.AnswersFor("why-change").ContainsKey("empty"));
        Assert.Null(Progress.FromJson("not json"u8));
        Assert.Null(Progress.FromJson("{\"completed\":null}"u8));
    }
}
