using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Waymark.Responses;

/// <summary>What a key text says it is (docs/security.md, "Research keys").</summary>
public enum KeyKind
{
    /// <summary>Not a key at all.</summary>
    Invalid,

    /// <summary><c>waymark-public-key-1:</c> and Base64 of 32 bytes: the half that goes to the server.</summary>
    Public,

    /// <summary><c>WAYMARK-SECRET-KEY-1:</c> and Base64 of 32 bytes: the half that never does.</summary>
    Secret,

    /// <summary>Bare Base64 of 32 bytes, as older versions wrote both halves: public or secret cannot be told.</summary>
    Unmarked,
}

/// <summary>
/// The research team's X25519 key pair for libsodium sealed boxes (<c>crypto_box_seal</c>). Each
/// key is one line: a prefix that says which half it is, then standard Base64 of the 32 bytes
/// (the form PyNaCl and libsodium's tools take). As with age's <c>age1…</c> and
/// <c>AGE-SECRET-KEY-1…</c>, the two halves can never be taken for each other:
/// <c>research.pub</c> (<see cref="PublicPrefix"/>) goes to the server with the instrument,
/// <c>research.key</c> (<see cref="SecretPrefix"/>) stays on the researcher's machine. Keys written
/// before the prefixes are <see cref="KeyKind.Unmarked"/>: accepted where a secret key is checked
/// against a known public key, refused where a public key is expected, and rewritten by
/// <see cref="Upgrade"/>, which proves from the pair which half is which.
/// </summary>
public static class SealingKeys
{
    public const string PublicKeyFileName = "research.pub";
    public const string SecretKeyFileName = "research.key";
    public const int KeyBytes = 32;

    /// <summary>Starts every public key: lower case, as age's <c>age1</c>.</summary>
    public const string PublicPrefix = "waymark-public-key-1:";

    /// <summary>Starts every secret key: upper case, as age's <c>AGE-SECRET-KEY-1</c>.</summary>
    public const string SecretPrefix = "WAYMARK-SECRET-KEY-1:";

    /// <summary>Writes a new key pair into <paramref name="directory"/>; refuses to overwrite an existing key.</summary>
    public static Result<(string PublicKeyPath, string SecretKeyPath)> Generate(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var publicPath = Path.Combine(directory, PublicKeyFileName);
        var secretPath = Path.Combine(directory, SecretKeyFileName);
        if (File.Exists(publicPath) || File.Exists(secretPath))
        {
            return Result.Fail<(string, string)>($"{directory} already holds a key pair; refusing to overwrite it (a lost secret key makes every sealed response unreadable).");
        }

        Directory.CreateDirectory(directory);
        var pair = Sodium.PublicKeyBox.GenerateKeyPair();
        try
        {
            WritePair(publicPath, secretPath, pair.PublicKey, pair.PrivateKey, FileMode.CreateNew);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pair.PrivateKey);
        }

        return Result.Ok<(string PublicKeyPath, string SecretKeyPath)>((publicPath, secretPath));
    }

    /// <summary>
    /// Rewrites an older, unmarked key pair in <paramref name="directory"/> with the prefixes. The
    /// pair proves which half is which (the public key is the secret's X25519 base-point
    /// multiple), so files that were swapped are put right too. Returns the public key's
    /// fingerprint and what was done.
    /// </summary>
    public static Result<string> Upgrade(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var publicPath = Path.Combine(directory, PublicKeyFileName);
        var secretPath = Path.Combine(directory, SecretKeyFileName);
        if (!File.Exists(publicPath) || !File.Exists(secretPath))
        {
            return Result.Fail<string>($"{directory} must hold both {PublicKeyFileName} and {SecretKeyFileName}: only the pair shows which half is which.");
        }

        var first = new byte[KeyBytes];
        var second = new byte[KeyBytes];
        try
        {
            var publicKind = Decode(File.ReadAllBytes(publicPath), first);
            var secretKind = Decode(File.ReadAllBytes(secretPath), second);
            if (publicKind == KeyKind.Public && secretKind == KeyKind.Secret && PublicKeyOf(second).AsSpan().SequenceEqual(first))
            {
                return Result.Ok($"already upgraded; public key fingerprint {Fingerprint(first)}");
            }

            if (publicKind == KeyKind.Invalid || secretKind == KeyKind.Invalid)
            {
                return Result.Fail<string>($"{(publicKind == KeyKind.Invalid ? publicPath : secretPath)}: not a key.");
            }

            string done;
            if (PublicKeyOf(second).AsSpan().SequenceEqual(first))
            {
                done = "rewrote both files with their prefixes";
            }
            else if (PublicKeyOf(first).AsSpan().SequenceEqual(second))
            {
                (first, second) = (second, first);
                done = $"the two files were SWAPPED ({PublicKeyFileName} held the secret key); rewrote each with the right half and its prefix";
            }
            else
            {
                return Result.Fail<string>($"{PublicKeyFileName} and {SecretKeyFileName} in {directory} are not two halves of one key pair; nothing was changed.");
            }

            WritePair(publicPath, secretPath, first, second, FileMode.Create);
            return Result.Ok($"{done}; public key fingerprint {Fingerprint(first)}");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(first);
            CryptographicOperations.ZeroMemory(second);
        }
    }

    /// <summary>
    /// Reads a key from <paramref name="text"/> (surrounding white space ignored) into
    /// <paramref name="key"/> (32 bytes) and says which kind it is. Works on bytes, so a secret
    /// key never becomes a string that cannot be zeroed.
    /// </summary>
    public static KeyKind Decode(ReadOnlySpan<byte> text, Span<byte> key)
    {
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"The key buffer must hold {KeyBytes} bytes.", nameof(key));
        }

        text = text.Trim(" \t\r\n"u8);
        var kind = KeyKind.Unmarked;
        if (StartsWithIgnoringCase(text, PublicPrefix))
        {
            kind = KeyKind.Public;
            text = text[PublicPrefix.Length..];
        }
        else if (StartsWithIgnoringCase(text, SecretPrefix))
        {
            kind = KeyKind.Secret;
            text = text[SecretPrefix.Length..];
        }

        return Base64.DecodeFromUtf8(text, key, out var consumed, out var written) == OperationStatus.Done
            && consumed == text.Length && written == KeyBytes
            ? kind
            : KeyKind.Invalid;
    }

    /// <summary>Reads a public key file (<c>research.pub</c>); a secret or unmarked key is refused with a message that says so.</summary>
    public static Result<byte[]> ReadPublic(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return File.Exists(path)
            ? ParsePublic(File.ReadAllBytes(path), path)
            : Result.Fail<byte[]>($"{path}: no such key file.");
    }

    /// <summary>Parses a public key; <paramref name="source"/> names it in messages.</summary>
    public static Result<byte[]> ParsePublic(ReadOnlySpan<byte> text, string source)
    {
        var key = new byte[KeyBytes];
        var kind = Decode(text, key);
        if (kind != KeyKind.Public)
        {
            CryptographicOperations.ZeroMemory(key);
        }

        return kind switch
        {
            KeyKind.Public => Result.Ok(key),
            KeyKind.Secret => Result.Fail<byte[]>(
                $"{source} is a SECRET key (it starts with {SecretPrefix}), not a public key: it was refused and not kept. The secret key must never go to the server: whoever holds it reads every response. Give the public key instead ({PublicKeyFileName}, which starts with {PublicPrefix})."),
            KeyKind.Unmarked => Result.Fail<byte[]>(
                $"{source} is a key without the {PublicPrefix} prefix, as older versions of Waymark wrote both halves: it cannot be told apart from a secret key, so it is refused. Run 'waymark keys upgrade --dir DIR' on the machine that holds both {PublicKeyFileName} and {SecretKeyFileName}, then use the {PublicKeyFileName} it rewrites."),
            _ => Result.Fail<byte[]>($"{source}: not a key (expected the one line of {PublicKeyFileName}: {PublicPrefix} and Base64 encoding {KeyBytes} bytes)."),
        };
    }

    /// <summary>
    /// Reads a secret key file (<c>research.key</c>). An unmarked key from an older version is
    /// accepted (whatever it is, opening with it can only succeed or fail); a public key is refused.
    /// </summary>
    public static Result<byte[]> ReadSecret(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return Result.Fail<byte[]>($"{path}: no such key file.");
        }

        var text = File.ReadAllBytes(path);
        var key = new byte[KeyBytes];
        var kind = Decode(text, key);
        CryptographicOperations.ZeroMemory(text);
        if (kind is KeyKind.Secret or KeyKind.Unmarked)
        {
            return Result.Ok(key);
        }

        CryptographicOperations.ZeroMemory(key);
        return Result.Fail<byte[]>(SecretRefusal(kind, path));
    }

    /// <summary>Why a text given as a secret key is not one (a public key, or not a key at all).</summary>
    public static string SecretRefusal(KeyKind kind, string source) => kind == KeyKind.Public
        ? $"{source} is the PUBLIC key (it starts with {PublicPrefix}); opening sealed responses needs the secret key, {SecretKeyFileName} (it starts with {SecretPrefix})."
        : $"{source}: not a key (expected the one line of {SecretKeyFileName}: {SecretPrefix} and Base64 encoding {KeyBytes} bytes).";

    /// <summary>A public key as its one line: the prefix and Base64 (what <c>research.pub</c> holds).</summary>
    public static string FormatPublic(ReadOnlySpan<byte> publicKey) => PublicPrefix + Convert.ToBase64String(publicKey);

    /// <summary>
    /// A short fingerprint of a public key, the same for both halves of a pair (a secret key's is
    /// its public key's): the first 8 bytes of SHA-256 over the 32 key bytes, as four groups of
    /// four hex digits, e.g. <c>3f9a-12c4-77be-0d21</c>.
    /// </summary>
    public static string Fingerprint(ReadOnlySpan<byte> publicKey)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(publicKey, hash);
        var hex = Convert.ToHexStringLower(hash[..8]);
        return $"{hex[..4]}-{hex[4..8]}-{hex[8..12]}-{hex[12..]}";
    }

    /// <summary>The public key that belongs to a secret key (X25519 scalar multiplication of the base point).</summary>
    public static byte[] PublicKeyOf(byte[] secretKey) => Sodium.ScalarMult.Base(secretKey);

    private static bool StartsWithIgnoringCase(ReadOnlySpan<byte> text, string prefix) =>
        text.Length >= prefix.Length && Ascii.EqualsIgnoreCase(text[..prefix.Length], prefix);

    /// <summary>Writes the secret (mode 0600 from its creation, flushed to disk) and the public key.</summary>
    private static void WritePair(string publicPath, string secretPath, ReadOnlySpan<byte> publicKey, byte[] secretKey, FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var line = Encoding.ASCII.GetBytes(SecretPrefix + Convert.ToBase64String(secretKey) + "\n");
        try
        {
            using var stream = new FileStream(secretPath, options);
            stream.SetLength(0);
            stream.Write(line);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(line);
        }

        File.WriteAllText(publicPath, FormatPublic(publicKey) + "\n", Encoding.ASCII);
    }
}
