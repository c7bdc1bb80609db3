using System.Text;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Responses.Tests;

public sealed class ArchiveAndDraftTests
{
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
        var keys = SealingKeys.Generate(TestEnvironment.NewTempDirectory("keys")).Value;
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
        var first = SealingKeys.Generate(TestEnvironment.NewTempDirectory("keys")).Value;
        var second = SealingKeys.Generate(TestEnvironment.NewTempDirectory("keys")).Value;
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
        var keys = SealingKeys.Generate(TestEnvironment.NewTempDirectory("keys")).Value;
        var moved = new StoredResponse("r9", "demo", null, true, SealedBox.Seal(Record("r1").ToJsonBytes(), SealingKeys.ReadPublic(keys.PublicKeyPath).Value!), string.Empty);
        Assert.Contains("belongs to response r1", ResponseArchive.Open([moved], [SealingKeys.ReadSecret(keys.SecretKeyPath).Value!]).Summary, StringComparison.Ordinal);

        Assert.Contains("export.jsonl:2:", ResponseArchive.Read(new StringReader("\n{not json"), "export.jsonl").Error, StringComparison.Ordinal);
        Assert.Contains("export.jsonl:1:", ResponseArchive.Read(new StringReader("{\"id\":\"x\"}"), "export.jsonl").Error, StringComparison.Ordinal);
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
        var payload = ResumeDrafts.Encrypt(plaintext, code);
        Assert.Equal(64, ResumeDrafts.DraftId(code).Length);
        Assert.NotEqual(ResumeDrafts.DraftId(code), ResumeDrafts.DraftId(other));
        Assert.Equal(plaintext, ResumeDrafts.Decrypt(payload, typed.Phrase!).Value);
        Assert.False(ResumeDrafts.Decrypt(payload, other).IsSuccess);
        Assert.False(ResumeDrafts.Decrypt([1, 2, 3], code).IsSuccess);
        Assert.False(ResumeDrafts.Read("zorblat quenmix").IsSuccess);
    }
}
