using System.Security.Cryptography;
using System.Text;
using Sodium;

namespace Waymark.SelfHelp.Vault;

/// <summary>
/// The two values derived from a recovery phrase (docs/selfhelp.md, "Crypto construction"):
/// Argon2id stretches the canonical phrase to a 256-bit master secret, and HKDF-Expand (SHA-256)
/// splits it into an AES-256-GCM key and a lookup under which the ciphertext is stored. The lookup
/// reveals nothing about the key (HKDF outputs with different labels are independent), and neither
/// can be computed without the phrase.
/// <para>
/// Two versions, told apart by the first byte of a stored vault: version 2 (every vault written
/// now) runs Argon2id in native libsodium (<c>crypto_pwhash</c>, 12 MiB, 3 passes, whose 16-byte salt
/// is <c>waymark/vault/v2</c>), which allocates its memory outside the managed heap and frees it at
/// once; version 1 (vaults written before) ran the managed Konscious implementation at 19 MiB and
/// 2 passes with a 25-byte salt that libsodium cannot take, and is derived only to find and move such
/// a vault to version 2.
/// </para>
/// </summary>
public sealed class VaultKeys
{
    public const int Length = 32;

    /// <summary>The version every vault is written in.</summary>
    public const byte CurrentVersion = 2;

    /// <summary>The version of vaults written with the managed Argon2id, read and moved only.</summary>
    public const byte LegacyVersion = 1;

    // Fixed, public, versioned: the phrase itself carries the entropy (84 bits), so a per-person salt
    // (which would have to be stored where the lookup cannot find it) adds nothing; the label keeps
    // these derivations apart from any other use of Argon2id on the same words.
    private static readonly byte[] Salt = Encoding.ASCII.GetBytes("waymark/vault/v2"); // crypto_pwhash: exactly 16 bytes
    private static readonly byte[] LegacySalt = Encoding.ASCII.GetBytes("waymark/selfhelp/vault/v1");
    private static readonly byte[] KeyLabel = Encoding.ASCII.GetBytes("waymark/selfhelp/aes-gcm-key");
    private static readonly byte[] LookupLabel = Encoding.ASCII.GetBytes("waymark/selfhelp/lookup");

    private VaultKeys(byte version, byte[] lookup, byte[] key)
    {
        Version = version;
        Lookup = lookup;
        Key = key;
    }

    /// <summary>Which derivation made these keys, and so which vault format they seal and open.</summary>
    public byte Version { get; }

    /// <summary>Where the ciphertext is stored; safe to hand to storage.</summary>
    public byte[] Lookup { get; }

    /// <summary>The AES-256-GCM key; never leaves memory except inside a server-protected form token.</summary>
    public byte[] Key { get; }

    /// <summary>
    /// Argon2id cost of the current version: OWASP's equivalent interactive setting of 12 MiB, 3 passes,
    /// 1 lane (libsodium's wrapper takes 3 passes or more; less memory per derivation under load).
    /// </summary>
    public static Argon2Cost Cost { get; } = new(MemoryKiB: 12 * 1024, Iterations: 3, Lanes: 1);

    /// <summary>Argon2id cost of the legacy version (RFC 9106 / OWASP minimum: 19 MiB, 2 passes, 1 lane).</summary>
    public static Argon2Cost LegacyCost { get; } = new(MemoryKiB: 19 * 1024, Iterations: 2, Lanes: 1);

    /// <summary>
    /// Derives the current keys from a canonical phrase (the output of <c>RecoveryPhrase.Parse</c>).
    /// CPU-bound for about a tenth of a second: callers go through the web host's derivation gate.
    /// </summary>
    public static VaultKeys Derive(string canonicalPhrase) => Derive(canonicalPhrase, CurrentVersion);

    /// <summary>Derives the keys of <paramref name="version"/> (<see cref="CurrentVersion"/> or <see cref="LegacyVersion"/>).</summary>
    public static VaultKeys Derive(string canonicalPhrase, byte version)
    {
        ArgumentException.ThrowIfNullOrEmpty(canonicalPhrase);
        var master = version switch
        {
            CurrentVersion => Stretch(canonicalPhrase),
            LegacyVersion => StretchLegacy(canonicalPhrase),
            _ => throw new ArgumentOutOfRangeException(nameof(version), version, "unknown vault version"),
        };
        try
        {
            return new VaultKeys(
                version,
                HKDF.Expand(HashAlgorithmName.SHA256, master, Length, LookupLabel),
                HKDF.Expand(HashAlgorithmName.SHA256, master, Length, KeyLabel));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(master);
        }
    }

    /// <summary>Rebuilds current keys carried in a protected token (see <see cref="ToBytes"/>).</summary>
    public static VaultKeys? FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 2 * Length ? new VaultKeys(CurrentVersion, bytes[..Length].ToArray(), bytes[Length..].ToArray()) : null;

    /// <summary>Lookup then key, for a server-protected, time-limited form token (current keys only).</summary>
    public byte[] ToBytes() => Version == CurrentVersion
        ? [.. Lookup, .. Key]
        : throw new InvalidOperationException("Only current keys travel in form tokens; a legacy vault is moved first.");

    private static byte[] Stretch(string phrase)
    {
        var password = Encoding.UTF8.GetBytes(phrase);
        try
        {
            return PasswordHash.ArgonHashBinary(password, Salt, Cost.Iterations, Cost.MemoryKiB * 1024, Length, PasswordHash.ArgonAlgorithm.Argon_2ID13);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }
    }

    private static byte[] StretchLegacy(string phrase)
    {
        var password = Encoding.UTF8.GetBytes(phrase);
        try
        {
            using var argon = new Konscious.Security.Cryptography.Argon2id(password)
            {
                Salt = LegacySalt,
                MemorySize = LegacyCost.MemoryKiB,
                Iterations = LegacyCost.Iterations,
                DegreeOfParallelism = LegacyCost.Lanes,
            };
            return argon.GetBytes(Length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }
    }
}

public sealed record Argon2Cost(int MemoryKiB, int Iterations, int Lanes);
