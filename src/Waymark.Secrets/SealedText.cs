using System.Security.Cryptography;
using System.Text;

namespace Waymark.Secrets;

/// <summary>
/// Text sealed at rest with AES-256-GCM under a 32-byte key that lives outside the database: a
/// random 96-bit nonce per seal, the caller's associated data bound in (so a value cannot be moved
/// to another row or purpose), stored as <c>prefix</c> + Base64(nonce, ciphertext, tag). The one
/// implementation behind the console's TOTP secrets and the data-protection key ring.
/// </summary>
public static class SealedText
{
    public const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    /// <summary>Seals <paramref name="text"/>; the plain bytes are wiped afterwards.</summary>
    public static string Seal(ReadOnlySpan<byte> key, string prefix, string text, ReadOnlySpan<byte> associated)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(text);
        CheckKey(key);
        var plain = Encoding.UTF8.GetBytes(text);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        try
        {
            RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, NonceBytes));
            using var aes = new AesGcm(key, TagBytes);
            aes.Encrypt(sealedBytes.AsSpan(0, NonceBytes), plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), associated);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }

        return prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>
    /// The text, or null when <paramref name="stored"/> lacks the prefix, is not Base64, is too short,
    /// or does not open with this key and associated data (another key, another row, a changed byte).
    /// </summary>
    public static string? Open(ReadOnlySpan<byte> key, string prefix, string stored, ReadOnlySpan<byte> associated)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(stored);
        CheckKey(key);
        if (!stored.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(stored[prefix.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            return null;
        }

        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), plain, associated);
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"The key is {KeyBytes} bytes.", nameof(key));
        }
    }
}
