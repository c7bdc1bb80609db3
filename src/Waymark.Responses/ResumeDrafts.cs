using System.Text;
using Waymark.Secrets;

namespace Waymark.Responses;

/// <summary>
/// A resume code (a few random words; pass its canonical form from <see cref="Read"/>) opens a draft: the draft's id and its encryption key are
/// both derived from the code with keyed BLAKE2b, and the server keeps neither the code nor the
/// key, so someone reading the database cannot read a draft or link it to anyone (docs/adr/0020).
/// The draft itself is sealed with XSalsa20-Poly1305 (libsodium <c>crypto_secretbox</c>).
/// </summary>
public static class ResumeDrafts
{
    private static readonly byte[] IdContext = Encoding.ASCII.GetBytes("waymark resume draft id v1......");
    private static readonly byte[] KeyContext = Encoding.ASCII.GetBytes("waymark resume draft key v1.....");

    /// <summary>Words in a resume code: 6 words of 12 bits, 72 bits (docs/adr/0020).</summary>
    public const int CodeWords = 6;

    /// <summary>A new resume code from the system's cryptographic generator.</summary>
    public static string NewCode()
    {
        using var random = System.Security.Cryptography.RandomNumberGenerator.Create();
        return RecoveryPhrase.Generate(CodeWords, random);
    }

    /// <summary>The code as typed, in its canonical form (case, spaces and hyphens do not matter), or why it is not a code.</summary>
    public static PhraseReading Read(string? typed) => RecoveryPhrase.Parse(typed, CodeWords);

    public static string DraftId(string code) =>
        Convert.ToHexStringLower(Sodium.GenericHash.Hash(Encoding.UTF8.GetBytes(code), IdContext, 32));

    public static byte[] Encrypt(byte[] plaintext, string code)
    {
        var nonce = Sodium.SecretBox.GenerateNonce();
        var box = Sodium.SecretBox.Create(plaintext, nonce, Key(code));
        return [.. nonce, .. box];
    }

    public static Result<byte[]> Decrypt(byte[] payload, string code)
    {
        ArgumentNullException.ThrowIfNull(payload);
        const int nonceBytes = 24;
        if (payload.Length <= nonceBytes)
        {
            return Result.Fail<byte[]>("The draft is damaged.");
        }

        try
        {
            return Result.Ok(Sodium.SecretBox.Open(payload[nonceBytes..], payload[..nonceBytes], Key(code)));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return Result.Fail<byte[]>("The draft cannot be opened with this code.");
        }
    }

    private static byte[] Key(string code) => Sodium.GenericHash.Hash(Encoding.UTF8.GetBytes(code), KeyContext, 32);
}
