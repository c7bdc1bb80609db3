using System.Text;

namespace Waymark.Secrets.Tests;

/// <summary>AES-256-GCM text at rest: opens only with its key, prefix and associated data, never twice the same ciphertext.</summary>
public sealed class SealedTextTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] Row = Encoding.ASCII.GetBytes("row 7");

    [Fact]
    public void Sealed_text_opens_with_its_key_and_associated_data_only()
    {
        var sealedText = SealedText.Seal(Key, "p1:", "zorblat secret ✓", Row);
        Assert.StartsWith("p1:", sealedText, StringComparison.Ordinal);
        Assert.DoesNotContain("zorblat", sealedText, StringComparison.Ordinal);
        Assert.NotEqual(sealedText, SealedText.Seal(Key, "p1:", "zorblat secret ✓", Row)); // a fresh nonce each time
        Assert.Equal("zorblat secret ✓", SealedText.Open(Key, "p1:", sealedText, Row));

        Assert.Null(SealedText.Open(Key, "p1:", sealedText, Encoding.ASCII.GetBytes("row 8")));
        Assert.Null(SealedText.Open(new byte[32], "p1:", sealedText, Row));
        Assert.Null(SealedText.Open(Key, "p2:", sealedText, Row));
        var bytes = Convert.FromBase64String(sealedText[3..]);
        bytes[^1] ^= 1;
        Assert.Null(SealedText.Open(Key, "p1:", "p1:" + Convert.ToBase64String(bytes), Row));
        foreach (var junk in new[] { "", "p1:", "p1:not base64!", "p1:" + Convert.ToBase64String(new byte[27]) })
        {
            Assert.Null(SealedText.Open(Key, "p1:", junk, Row));
        }
    }

    [Fact]
    public void A_key_of_the_wrong_length_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => SealedText.Seal(new byte[16], "p:", "x", []));
        Assert.Throws<ArgumentException>(() => SealedText.Open(new byte[31], "p:", "p:AAAA", []));
    }
}
