using System.Security.Cryptography;

namespace Waymark.Responses;

/// <summary>
/// libsodium's sealed box (<c>crypto_box_seal</c>): a fresh ephemeral X25519 key pair per message,
/// XSalsa20-Poly1305 under the shared key, nonce = BLAKE2b-192(ephemeral pk ‖ recipient pk); the
/// output is ephemeral pk (32 bytes) ‖ tag (16) ‖ ciphertext. Anyone with the public key can seal;
/// only the secret key opens. PyNaCl's <c>SealedBox</c> and <c>crypto_box_seal_open</c> read it.
/// </summary>
public static class SealedBox
{
    /// <summary>Bytes a sealed box adds to its message.</summary>
    public const int Overhead = 48;

    public static byte[] Seal(ReadOnlySpan<byte> message, byte[] publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return Sodium.SealedPublicKeyBox.Create(message.ToArray(), publicKey);
    }

    /// <summary>Opens a sealed box; a wrong key or altered bytes give a failure, not an exception.</summary>
    public static Result<byte[]> Open(byte[] sealedBytes, byte[] secretKey)
    {
        ArgumentNullException.ThrowIfNull(sealedBytes);
        ArgumentNullException.ThrowIfNull(secretKey);
        if (sealedBytes.Length < Overhead)
        {
            return Result.Fail<byte[]>("The sealed response is too short to be a sealed box.");
        }

        var publicKey = SealingKeys.PublicKeyOf(secretKey);
        try
        {
            return Result.Ok(Sodium.SealedPublicKeyBox.Open(sealedBytes, secretKey, publicKey));
        }
        catch (CryptographicException)
        {
            return Result.Fail<byte[]>("The sealed response cannot be opened with this key (wrong key, or the bytes were altered).");
        }
    }
}
