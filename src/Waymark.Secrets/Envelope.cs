using System.Security.Cryptography;

namespace Waymark.Secrets;

/// <summary>
/// The one envelope for data sealed at rest under a symmetric key (docs/security.md, "Encryption at rest"):
/// <c>version (1) | nonce (24) | ciphertext | tag (16)</c>, XChaCha20-Poly1305 in libsodium
/// (<c>crypto_aead_xchacha20poly1305_ietf</c>) with a random nonce per seal, long enough that random nonces never
/// repeat under one key. The caller's associated data and the version byte are authenticated, so a value cannot be
/// moved to another row, account or purpose, nor its version byte changed. Callers frame it as they store it:
/// <see cref="SealedText"/> as prefixed Base64, the self-help vault with its padding, survey drafts as bytes.
/// <para>
/// Values sealed before the envelope existed (AES-256-GCM, <c>nonce (12) | ciphertext | tag (16)</c>, no version
/// byte) still open through <see cref="OpenLegacyAesGcm"/>, and their owners seal them again in the envelope
/// when they next write them.
/// </para>
/// </summary>
public static class Envelope
{
    /// <summary>The version byte every value is sealed with now.</summary>
    public const byte Version = 0x58; // 'X': XChaCha20-Poly1305

    public const int KeyBytes = 32;
    public const int NonceBytes = 24;
    public const int TagBytes = 16;

    /// <summary>What the envelope adds to the plaintext's length.</summary>
    public const int Overhead = 1 + NonceBytes + TagBytes;

    private const int LegacyNonceBytes = 12;

    /// <summary>Seals <paramref name="plaintext"/> under <paramref name="key"/>, binding <paramref name="associated"/>.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associated)
    {
        CheckKey(key);
        var nonce = Sodium.SecretAeadXChaCha20Poly1305.GenerateNonce();
        var keyCopy = key.ToArray();
        var plainCopy = plaintext.ToArray();
        try
        {
            var cipher = Sodium.SecretAeadXChaCha20Poly1305.Encrypt(plainCopy, nonce, keyCopy, Associated(associated));
            return [Version, .. nonce, .. cipher];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyCopy);
            CryptographicOperations.ZeroMemory(plainCopy);
        }
    }

    /// <summary>Whether <paramref name="sealedBytes"/> is in the current envelope (by its version byte and length; not yet authenticated).</summary>
    public static bool IsCurrent(ReadOnlySpan<byte> sealedBytes) => sealedBytes.Length >= Overhead && sealedBytes[0] == Version;

    /// <summary>
    /// The plaintext, or null when <paramref name="sealedBytes"/> is not an envelope, or does not open with this
    /// key and associated data (another key, another row, a changed byte).
    /// </summary>
    public static byte[]? Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associated)
    {
        CheckKey(key);
        if (!IsCurrent(sealedBytes))
        {
            return null;
        }

        var keyCopy = key.ToArray();
        try
        {
            return Sodium.SecretAeadXChaCha20Poly1305.Decrypt(
                sealedBytes[(1 + NonceBytes)..].ToArray(), sealedBytes.Slice(1, NonceBytes).ToArray(), keyCopy, Associated(associated));
        }
        catch (CryptographicException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyCopy);
        }
    }

    /// <summary>
    /// Opens a value sealed before the envelope: AES-256-GCM, <c>nonce (12) | ciphertext | tag (16)</c>, with
    /// <paramref name="associated"/> as its associated data. Read only: nothing is sealed this way any more.
    /// </summary>
    public static byte[]? OpenLegacyAesGcm(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associated)
    {
        CheckKey(key);
        if (sealedBytes.Length < LegacyNonceBytes + TagBytes)
        {
            return null;
        }

        var plain = new byte[sealedBytes.Length - LegacyNonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedBytes[..LegacyNonceBytes], sealedBytes.Slice(LegacyNonceBytes, plain.Length), sealedBytes[(LegacyNonceBytes + plain.Length)..], plain, associated);
            return plain;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plain);
            return null;
        }
    }

    /// <summary>Seals the way values were sealed before the envelope (AES-256-GCM), for tests of the upgrade paths only.</summary>
    internal static byte[] SealLegacyAesGcmForTests(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associated)
    {
        CheckKey(key);
        var sealedBytes = new byte[LegacyNonceBytes + plaintext.Length + TagBytes];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, LegacyNonceBytes));
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(sealedBytes.AsSpan(0, LegacyNonceBytes), plaintext, sealedBytes.AsSpan(LegacyNonceBytes, plaintext.Length), sealedBytes.AsSpan(LegacyNonceBytes + plaintext.Length), associated);
        return sealedBytes;
    }

    // The version byte is authenticated with the caller's data, so a value cannot be relabelled as another version.
    private static byte[] Associated(ReadOnlySpan<byte> associated) => [Version, .. associated];

    private static void CheckKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"The key is {KeyBytes} bytes.", nameof(key));
        }
    }
}
