using System.Security.Cryptography;

namespace Waymark.SelfHelp.Vault;

/// <summary>
/// AES-256-GCM sealing of a vault: <c>version (1) | nonce (12) | ciphertext | tag (16)</c>, the version
/// being that of the keys' derivation (<see cref="VaultKeys.Version"/>: 1 managed Argon2id, 2 libsodium). The
/// plaintext is padded to a multiple of <see cref="PaddingBlock"/> bytes so that the stored size says
/// little about how much a person wrote. The lookup and version are bound as associated data, so a
/// blob copied under another lookup does not open.
/// </summary>
public static class VaultCipher
{
    public const int PaddingBlock = 1024;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int HeaderLength = 1 + NonceLength;

    public static byte[] Seal(VaultKeys keys, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(keys);
        // 4-byte length prefix, then the plaintext, then zeros up to the block boundary.
        var paddedLength = ((plaintext.Length + 4 + PaddingBlock - 1) / PaddingBlock) * PaddingBlock;
        var padded = new byte[paddedLength];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(padded, plaintext.Length);
        plaintext.CopyTo(padded.AsSpan(4));

        var sealedBlob = new byte[HeaderLength + paddedLength + TagLength];
        sealedBlob[0] = keys.Version;
        var nonce = sealedBlob.AsSpan(1, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.Key, TagLength);
        aes.Encrypt(nonce, padded, sealedBlob.AsSpan(HeaderLength, paddedLength), sealedBlob.AsSpan(HeaderLength + paddedLength), AssociatedData(keys));
        CryptographicOperations.ZeroMemory(padded);
        return sealedBlob;
    }

    /// <summary>The plaintext, or null when the blob is damaged, altered or sealed with another key.</summary>
    public static byte[]? Open(VaultKeys keys, ReadOnlySpan<byte> sealedBlob)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (sealedBlob.Length < HeaderLength + 4 + TagLength || sealedBlob[0] != keys.Version)
        {
            return null;
        }

        var cipherLength = sealedBlob.Length - HeaderLength - TagLength;
        var padded = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(keys.Key, TagLength);
            aes.Decrypt(sealedBlob.Slice(1, NonceLength), sealedBlob.Slice(HeaderLength, cipherLength), sealedBlob[(HeaderLength + cipherLength)..], padded, AssociatedData(keys));
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }

        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(padded);
        return length >= 0 && length <= cipherLength - 4 ? padded.AsSpan(4, length).ToArray() : null;
    }

    private static byte[] AssociatedData(VaultKeys keys) => [keys.Version, .. keys.Lookup];
}
