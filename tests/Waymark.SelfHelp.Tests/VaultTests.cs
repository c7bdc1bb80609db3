using Waymark.Secrets;
using Waymark.SelfHelp.Vault;

namespace Waymark.SelfHelp.Tests;

public sealed class VaultTests
{
    private const string Phrase = "acorn bagel cedar daisy eagle fable gecko";

    [Fact]
    public async Task The_same_phrase_gives_the_same_keys_and_the_lookup_differs_from_the_key()
    {
        var first = await VaultKeys.DeriveAsync(Phrase);
        var second = await VaultKeys.DeriveAsync(RecoveryPhrase.Parse(" Acorn-Bagel cedar daisy eagle fable GECKO ").Phrase!);
        var other = await VaultKeys.DeriveAsync("acorn bagel cedar daisy eagle fable gecka");

        Assert.Equal(first.Lookup, second.Lookup);
        Assert.Equal(first.Key, second.Key);
        Assert.NotEqual(first.Lookup, first.Key);
        Assert.NotEqual(first.Lookup, other.Lookup);
        Assert.Equal(VaultKeys.Length, first.Lookup.Length);
    }

    [Fact]
    public async Task Sealed_progress_opens_with_its_keys_only()
    {
        var keys = await VaultKeys.DeriveAsync(Phrase);
        var wrong = await VaultKeys.DeriveAsync("acorn bagel cedar daisy eagle fable zebu");
        var plaintext = "quenmix reflection"u8.ToArray();

        var sealedBlob = VaultCipher.Seal(keys, plaintext);

        Assert.Equal(plaintext, VaultCipher.Open(keys, sealedBlob));
        Assert.Null(VaultCipher.Open(wrong, sealedBlob));
        Assert.Equal(0, (sealedBlob.Length - 29) % VaultCipher.PaddingBlock);
        Assert.NotEqual(sealedBlob, VaultCipher.Seal(keys, plaintext)); // a fresh nonce each time
    }

    [Fact]
    public async Task Every_single_bit_flip_and_every_truncation_is_detected()
    {
        var keys = await VaultKeys.DeriveAsync(Phrase);
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
    public async Task Keys_survive_a_round_trip_through_bytes()
    {
        var keys = await VaultKeys.DeriveAsync(Phrase);

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
