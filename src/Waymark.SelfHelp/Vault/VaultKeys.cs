using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace Waymark.SelfHelp.Vault;

/// <summary>
/// The two values derived from a recovery phrase (docs/selfhelp.md, "Crypto construction"):
/// Argon2id stretches the canonical phrase to a 256-bit master secret, and HKDF-Expand (SHA-256)
/// splits it into an AES-256-GCM key and a lookup under which the ciphertext is stored. The lookup
/// reveals nothing about the key (HKDF outputs with different labels are independent), and neither
/// can be computed without the phrase.
/// </summary>
internal sealed class VaultKeys
{
    internal const int Length = 32;

    // Fixed, public, versioned: the phrase itself carries the entropy (84 bits), so a per-person salt
    // (which would have to be stored where the lookup cannot find it) adds nothing; the label keeps
    // these derivations apart from any other use of Argon2id on the same words.
    private static readonly byte[] Salt = Encoding.ASCII.GetBytes("waymark/selfhelp/vault/v1");
    private static readonly byte[] KeyLabel = Encoding.ASCII.GetBytes("waymark/selfhelp/aes-gcm-key");
    private static readonly byte[] LookupLabel = Encoding.ASCII.GetBytes("waymark/selfhelp/lookup");

    private VaultKeys(byte[] lookup, byte[] key)
    {
        Lookup = lookup;
        Key = key;
    }

    /// <summary>Where the ciphertext is stored; safe to hand to storage.</summary>
    public byte[] Lookup { get; }

    /// <summary>The AES-256-GCM key; never leaves memory except inside a server-protected form token.</summary>
    public byte[] Key { get; }

    /// <summary>Argon2id cost (RFC 9106 / OWASP minimum for interactive use: 19 MiB, 2 passes, 1 lane).</summary>
    internal static Argon2Cost Cost { get; } = new(MemoryKiB: 19 * 1024, Iterations: 2, Lanes: 1);

    /// <summary>Derives both values from a canonical phrase (the output of <c>RecoveryPhrase.Parse</c>).</summary>
    public static async Task<VaultKeys> DeriveAsync(string canonicalPhrase)
    {
        ArgumentException.ThrowIfNullOrEmpty(canonicalPhrase);
        var master = await StretchAsync(canonicalPhrase).ConfigureAwait(false);
        try
        {
            return new VaultKeys(
                HKDF.Expand(HashAlgorithmName.SHA256, master, Length, LookupLabel),
                HKDF.Expand(HashAlgorithmName.SHA256, master, Length, KeyLabel));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(master);
        }
    }

    /// <summary>Rebuilds keys carried in a protected token (see <see cref="ToBytes"/>).</summary>
    public static VaultKeys? FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 2 * Length ? new VaultKeys(bytes[..Length].ToArray(), bytes[Length..].ToArray()) : null;

    /// <summary>Lookup then key, for a server-protected, time-limited form token.</summary>
    public byte[] ToBytes() => [.. Lookup, .. Key];

    private static async Task<byte[]> StretchAsync(string phrase)
    {
        var password = Encoding.UTF8.GetBytes(phrase);
        try
        {
            using var argon = new Argon2id(password)
            {
                Salt = Salt,
                MemorySize = Cost.MemoryKiB,
                Iterations = Cost.Iterations,
                DegreeOfParallelism = Cost.Lanes,
            };
            return await argon.GetBytesAsync(Length).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }
    }
}

internal sealed record Argon2Cost(int MemoryKiB, int Iterations, int Lanes);
