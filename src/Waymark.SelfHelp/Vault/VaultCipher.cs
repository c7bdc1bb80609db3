using System.Security.Cryptography;
using Waymark.Secrets;

namespace Waymark.SelfHelp.Vault;

/// <summary>
/// Sealing of a vault: <c>version (1) | envelope</c>, the version being that of the keys' derivation
/// (<see cref="VaultKeys.Version"/>: 1 managed Argon2id, 2 libsodium) and the envelope the one for all data at
/// rest (<see cref="Envelope"/>: XChaCha20-Poly1305). The plaintext is padded to a multiple of
/// <see cref="PaddingBlock"/> bytes so that the stored size says little about how much a person wrote. The lookup
/// and version are bound as associated data, so a blob copied under another lookup does not open. A vault sealed
/// before the envelope (AES-256-GCM after the version byte) still opens, and is sealed in the envelope the next
/// time it is saved.
/// </summary>
public static class VaultCipher
{
    public const int PaddingBlock = 1024;

    public static byte[] Seal(VaultKeys keys, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(keys);
        // 4-byte length prefix, then the plaintext, then zeros up to the block boundary.
        var paddedLength = ((plaintext.Length + 4 + PaddingBlock - 1) / PaddingBlock) * PaddingBlock;
        var padded = new byte[paddedLength];
        try
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(padded, plaintext.Length);
            plaintext.CopyTo(padded.AsSpan(4));
            return [keys.Version, .. Envelope.Seal(keys.Key, padded, AssociatedData(keys))];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(padded);
        }
    }

    /// <summary>The plaintext, or null when the blob is damaged, altered or sealed with another key.</summary>
    public static byte[]? Open(VaultKeys keys, ReadOnlySpan<byte> sealedBlob)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (sealedBlob.Length < 2 || sealedBlob[0] != keys.Version)
        {
            return null;
        }

        var associated = AssociatedData(keys);
        var body = sealedBlob[1..];
        var padded = Envelope.Open(keys.Key, body, associated) ?? Envelope.OpenLegacyAesGcm(keys.Key, body, associated);
        if (padded is null || padded.Length < 4)
        {
            return null;
        }

        try
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(padded);
            return length >= 0 && length <= padded.Length - 4 ? padded.AsSpan(4, length).ToArray() : null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(padded);
        }
    }

    private static byte[] AssociatedData(VaultKeys keys) => [keys.Version, .. keys.Lookup];
}
