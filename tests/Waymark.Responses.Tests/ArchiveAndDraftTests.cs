using System.Text;
using Waymark.Secrets;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Responses.Tests;

public sealed class ArchiveAndDraftTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ArchiveAndDraftTests");

    public void Dispose() => _temp.Dispose();

    private static ResponseRecord Record(string id) => new()
    {
        Id = id,
        Instrument = "demo",
        Version = "1",
        Language = "ar",
        Day = new DateOnly(2026, 11, 27),
        Answers = new Dictionary<string, string> { ["age"] = "17", ["help"] = "talk read" },
        PageSeconds = [12, 30],
        Items = 2,
        Flags = [],
    };

    [Fact]
    public async Task Exported_lines_read_back_and_open_sealed_and_plain_responses_alike()
    {
        var keys = SealingKeys.Generate(_temp.NewFolder("keys")).Value;
        var publicKey = SealingKeys.ReadPublic(keys.PublicKeyPath).Value!;
        var secretKey = SealingKeys.ReadSecret(keys.SecretKeyPath).Value!;
        var stored = new[]
        {
            new StoredResponse("r1", "demo", null, true, SealedBox.Seal(Record("r1").ToJsonBytes(), publicKey), string.Empty),
            new StoredResponse("r2", "demo", new DateOnly(2026, 11, 27), false, Record("r2").ToJsonBytes(), string.Empty),
        };
        using var writer = new StringWriter();
        await ResponseArchive.WriteAsync(stored, writer);
        var text = writer.ToString();
        Assert.DoesNotContain("talk read", text, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(stored[0].Payload), text, StringComparison.Ordinal);

        var read = ResponseArchive.Read(new StringReader(text), "export.jsonl");
        Assert.True(read.IsSuccess, read.Error);
        Assert.Equal(stored.Select(s => s.Payload), read.Value!.Select(s => s.Payload));

        var noKey = ResponseArchive.Open(read.Value!, []);
        Assert.Equal(("r1", "it is sealed and no secret key was given"), (Assert.Single(noKey.NotOpened).Id, noKey.NotOpened[0].Reason));
        Assert.Equal("r2", Assert.Single(noKey.Records).Id);
        var opened = ResponseArchive.Open(read.Value!, [secretKey]);
        Assert.Null(opened.Summary);
        Assert.Equal("talk read", opened.Records[0].Answers["help"]);
        Assert.Equal([12, 30], opened.Records[1].PageSeconds);
        Assert.All(opened.Records, r => Assert.Contains(QualityFlag.Duplicate, r.Flags));
    }

    [Fact]
    public void Responses_sealed_under_two_keys_open_with_both_and_with_one_the_rest_are_named_not_failed()
    {
        var first = SealingKeys.Generate(_temp.NewFolder("keys")).Value;
        var second = SealingKeys.Generate(_temp.NewFolder("keys")).Value;
        var stored = new[]
        {
            new StoredResponse("a1", "demo", null, true, SealedBox.Seal(Record("a1").ToJsonBytes(), SealingKeys.ReadPublic(first.PublicKeyPath).Value!), string.Empty),
            new StoredResponse("b1", "demo", null, true, SealedBox.Seal(Record("b1").ToJsonBytes(), SealingKeys.ReadPublic(second.PublicKeyPath).Value!), string.Empty),
            new StoredResponse("c1", "demo", null, false, Record("c1").ToJsonBytes(), string.Empty),
        };
        var firstSecret = SealingKeys.ReadSecret(first.SecretKeyPath).Value!;
        var secondSecret = SealingKeys.ReadSecret(second.SecretKeyPath).Value!;

        var one = ResponseArchive.Open(stored, [firstSecret]);
        Assert.Equal(["a1", "c1"], one.Records.Select(r => r.Id));
        Assert.Equal("b1", Assert.Single(one.NotOpened).Id);
        Assert.Contains("does not open with the key given", one.Summary, StringComparison.Ordinal);

        var both = ResponseArchive.Open(stored, [secondSecret, firstSecret]);
        Assert.Equal(["a1", "b1", "c1"], both.Records.Select(r => r.Id));
        Assert.Empty(both.NotOpened);
    }

    [Fact]
    public void A_sealed_box_moved_to_another_row_or_a_broken_line_is_refused_with_its_place()
    {
        var keys = SealingKeys.Generate(_temp.NewFolder("keys")).Value;
        var moved = new StoredResponse("r9", "demo", null, true, SealedBox.Seal(Record("r1").ToJsonBytes(), SealingKeys.ReadPublic(keys.PublicKeyPath).Value!), string.Empty);
        Assert.Contains("belongs to response r1", ResponseArchive.Open([moved], [SealingKeys.ReadSecret(keys.SecretKeyPath).Value!]).Summary, StringComparison.Ordinal);

        Assert.Contains("export.jsonl:2:", ResponseArchive.Read(new StringReader("\n{not json"), "export.jsonl").Error, StringComparison.Ordinal);
        Assert.Contains("export.jsonl:1:", ResponseArchive.Read(new StringReader("{\"id\":\"x\"}"), "export.jsonl").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_drafts_id_and_key_come_from_argon2id_over_the_code_not_from_a_fast_hash()
    {
        var code = ResumeDrafts.NewCode();
        var keys = ResumeDrafts.Derive(code);

        // Computed here independently: libsodium's Argon2id (12 MiB, 3 passes) and HKDF-Expand with the labels.
        var master = Sodium.PasswordHash.ArgonHashBinary(Encoding.UTF8.GetBytes(code), Encoding.ASCII.GetBytes("waymark/draft/v2"), 3, 12 * 1024 * 1024, 32, Sodium.PasswordHash.ArgonAlgorithm.Argon_2ID13);
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.HKDF.Expand(System.Security.Cryptography.HashAlgorithmName.SHA256, master, 32, Encoding.ASCII.GetBytes("waymark/survey/draft-id"))),
            keys.Id);
        Assert.NotEqual(ResumeDrafts.LegacyDraftId(code), keys.Id);
        Assert.False(ResumeDrafts.DecryptLegacy(ResumeDrafts.Encrypt([1, 2, 3], keys), code).IsSuccess, "the fast hash of the code does not open a new draft");
    }

    [Fact]
    public void A_draft_opens_with_its_code_however_it_is_typed_and_not_with_another()
    {
        var code = ResumeDrafts.NewCode();
        Assert.Equal(ResumeDrafts.CodeWords, code.Split(' ').Length);
        var typed = ResumeDrafts.Read("  " + code.ToUpperInvariant().Replace(' ', '-') + " ");
        Assert.True(typed.IsSuccess);
        Assert.Equal(code, typed.Phrase);
        var other = ResumeDrafts.NewCode();
        Assert.NotEqual(code, other);

        var plaintext = Encoding.UTF8.GetBytes("{\"page\":3}");
        var keys = ResumeDrafts.Derive(code);
        var payload = ResumeDrafts.Encrypt(plaintext, keys);
        Assert.Equal(64, keys.Id.Length);
        Assert.NotEqual(keys.Id, ResumeDrafts.Derive(other).Id);
        Assert.Equal(keys.Id, ResumeDrafts.Derive(typed.Phrase!).Id);
        Assert.Equal(plaintext, ResumeDrafts.Decrypt(payload, ResumeDrafts.Derive(typed.Phrase!)).Value);
        Assert.False(ResumeDrafts.Decrypt(payload, ResumeDrafts.Derive(other)).IsSuccess);
        Assert.False(ResumeDrafts.Decrypt([1, 2, 3], keys).IsSuccess);

        // Drafts saved before Argon2id still open with their code (read only).
        var legacy = ResumeDrafts.EncryptLegacy(plaintext, code);
        Assert.Equal(plaintext, ResumeDrafts.DecryptLegacy(legacy, code).Value);
        Assert.False(ResumeDrafts.DecryptLegacy(legacy, other).IsSuccess);
        Assert.False(ResumeDrafts.Read("zorblat quenmix").IsSuccess);

        // The one envelope, bound to the draft's id: a payload moved under another draft's id does not open.
        Assert.Equal(Envelope.Version, payload[0]);
        Assert.Null(Envelope.Open(keys.Key, payload, Encoding.ASCII.GetBytes(ResumeDrafts.Derive(other).Id)));
        Assert.Equal(plaintext, Envelope.Open(keys.Key, payload, Encoding.ASCII.GetBytes(keys.Id)));

        // Drafts saved with Argon2id but before the envelope (crypto_secretbox) still open with their code, and with it only.
        var secretBox = ResumeDrafts.EncryptSecretBox(plaintext, keys);
        Assert.Equal(plaintext, ResumeDrafts.Decrypt(secretBox, keys).Value);
        Assert.False(ResumeDrafts.Decrypt(secretBox, ResumeDrafts.Derive(other)).IsSuccess);
    }
}
