using System.Security.Cryptography;
using System.Text;
using Waymark.Secrets;

namespace Waymark.Responses;

/// <summary>
/// A resume code (a few random words; pass its canonical form from <see cref="Read"/>) opens a draft.
/// The code is stretched with Argon2id (libsodium <c>crypto_pwhash</c>, the self-help vault's cost:
/// 12 MiB, 3 passes), and HKDF-Expand splits the result into the draft's id and its key. The server
/// keeps neither the code nor the key: it holds the key only while the respondent presents the code,
/// so someone reading the database, with or without the server's other secrets, must guess a 72-bit
/// code at the price of one Argon2id per guess to read a draft or link it to anyone (docs/adr/0020).
/// The draft itself is sealed in the one envelope for data at rest (<see cref="Envelope"/>: XChaCha20-Poly1305),
/// bound to its id; drafts saved before the envelope (XSalsa20-Poly1305, libsodium <c>crypto_secretbox</c>) still open
/// until they expire.
/// Derivation costs about a tenth of a second of one core: the web host runs it through its
/// bounded derivation gate.
/// </summary>
public static class ResumeDrafts
{
    // crypto_pwhash takes exactly 16 bytes of salt: fixed, public and versioned, as for vaults (the code carries the entropy).
    private static readonly byte[] Salt = Encoding.ASCII.GetBytes("waymark/draft/v2");
    private static readonly byte[] IdLabel = Encoding.ASCII.GetBytes("waymark/survey/draft-id");
    private static readonly byte[] KeyLabel = Encoding.ASCII.GetBytes("waymark/survey/draft-key");

    // Version 1 (drafts saved before Argon2id): keyed BLAKE2b, read only, to resume a draft saved then.
    private static readonly byte[] LegacyIdContext = Encoding.ASCII.GetBytes("waymark resume draft id v1......");
    private static readonly byte[] LegacyKeyContext = Encoding.ASCII.GetBytes("waymark resume draft key v1.....");

    private const int NonceBytes = 24;

    /// <summary>Words in a resume code: 6 words of 12 bits, 72 bits (docs/adr/0020).</summary>
    public const int CodeWords = 6;

    /// <summary>Argon2id's memory per derivation, in KiB.</summary>
    public const int MemoryKiB = 12 * 1024;

    /// <summary>Argon2id's passes per derivation.</summary>
    public const int Passes = 3;

    /// <summary>A new resume code from the system's cryptographic generator.</summary>
    public static string NewCode()
    {
        using var random = RandomNumberGenerator.Create();
        return RecoveryPhrase.Generate(CodeWords, random);
    }

    /// <summary>The code as typed, in its canonical form (case, spaces and hyphens do not matter), or why it is not a code.</summary>
    public static PhraseReading Read(string? typed) => RecoveryPhrase.Parse(typed, CodeWords);

    /// <summary>The draft's id and key for a canonical code: Argon2id, then HKDF-Expand (SHA-256) with two labels.</summary>
    public static DraftKeys Derive(string code)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        var password = Encoding.UTF8.GetBytes(code);
        byte[]? master = null;
        try
        {
            master = Sodium.PasswordHash.ArgonHashBinary(password, Salt, Passes, MemoryKiB * 1024, 32, Sodium.PasswordHash.ArgonAlgorithm.Argon_2ID13);
            return new DraftKeys(
                Convert.ToHexStringLower(HKDF.Expand(HashAlgorithmName.SHA256, master, 32, IdLabel)),
                HKDF.Expand(HashAlgorithmName.SHA256, master, 32, KeyLabel));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
            if (master is not null)
            {
                CryptographicOperations.ZeroMemory(master);
            }
        }
    }

    public static byte[] Encrypt(byte[] plaintext, DraftKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return Envelope.Seal(keys.Key, plaintext, Encoding.ASCII.GetBytes(keys.Id));
    }

    public static Result<byte[]> Decrypt(byte[] payload, DraftKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(payload);
        // A draft saved before the envelope may begin with its version byte by chance: it then fails the
        // envelope's authentication and is read the old way.
        return Envelope.Open(keys.Key, payload, Encoding.ASCII.GetBytes(keys.Id)) is { } plaintext
            ? Result.Ok(plaintext)
            : Open(payload, keys.Key);
    }

    /// <summary>Seals a draft the way versions before the envelope did (XSalsa20-Poly1305), for tests of the upgrade path.</summary>
    internal static byte[] EncryptSecretBox(byte[] plaintext, DraftKeys keys)
    {
        var nonce = Sodium.SecretBox.GenerateNonce();
        return [.. nonce, .. Sodium.SecretBox.Create(plaintext, nonce, keys.Key)];
    }

    /// <summary>The id a draft saved before Argon2id has (a fast keyed BLAKE2b): only to find such a draft; they expire within 30 days.</summary>
    public static string LegacyDraftId(string code) =>
        Convert.ToHexStringLower(Sodium.GenericHash.Hash(Encoding.UTF8.GetBytes(code), LegacyIdContext, 32));

    /// <summary>Opens a draft saved before Argon2id.</summary>
    public static Result<byte[]> DecryptLegacy(byte[] payload, string code) =>
        Open(payload, Sodium.GenericHash.Hash(Encoding.UTF8.GetBytes(code), LegacyKeyContext, 32));

    /// <summary>Seals a draft the way versions before Argon2id did (for tests of the upgrade path).</summary>
    internal static byte[] EncryptLegacy(byte[] plaintext, string code)
    {
        var nonce = Sodium.SecretBox.GenerateNonce();
        return [.. nonce, .. Sodium.SecretBox.Create(plaintext, nonce, Sodium.GenericHash.Hash(Encoding.UTF8.GetBytes(code), LegacyKeyContext, 32))];
    }

    private static Result<byte[]> Open(byte[] payload, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length <= NonceBytes)
        {
            return Result.Fail<byte[]>("The draft is damaged.");
        }

        try
        {
            return Result.Ok(Sodium.SecretBox.Open(payload[NonceBytes..], payload[..NonceBytes], key));
        }
        catch (CryptographicException)
        {
            return Result.Fail<byte[]>("The draft cannot be opened with this code.");
        }
    }
}

/// <summary>What a resume code opens: the draft's id (hex, safe to store) and its key (memory only, while the respondent presents the code).</summary>
public sealed class DraftKeys
{
    internal DraftKeys(string id, byte[] key)
    {
        Id = id;
        Key = key;
    }

    public string Id { get; }

    internal byte[] Key { get; }
}
