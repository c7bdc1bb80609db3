using System.Security.Cryptography;
using System.Text;

namespace Waymark.Responses;

/// <summary>
/// The research team's X25519 key pair for libsodium sealed boxes (<c>crypto_box_seal</c>). Keys
/// are stored as one line of standard Base64 each, the form PyNaCl and libsodium's tools take:
/// <c>research.pub</c> goes to the server with the instrument, <c>research.key</c> stays on the
/// researcher's machine.
/// </summary>
public static class SealingKeys
{
    public const string PublicKeyFileName = "research.pub";
    public const string SecretKeyFileName = "research.key";
    public const int KeyBytes = 32;

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
            WriteSecret(secretPath, pair.PrivateKey);
            File.WriteAllText(publicPath, Convert.ToBase64String(pair.PublicKey) + "\n", Encoding.ASCII);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pair.PrivateKey);
        }

        return Result.Ok<(string PublicKeyPath, string SecretKeyPath)>((publicPath, secretPath));
    }

    /// <summary>Reads a key file (Base64 of 32 bytes, surrounding white space ignored).</summary>
    public static Result<byte[]> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return Result.Fail<byte[]>($"{path}: no such key file.");
        }

        return Parse(File.ReadAllText(path, Encoding.ASCII), path);
    }

    /// <summary>Parses Base64 text of a 32-byte key; <paramref name="source"/> names it in messages.</summary>
    public static Result<byte[]> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = new byte[KeyBytes];
        return Convert.TryFromBase64String(text.Trim(), key, out var written) && written == KeyBytes
            ? Result.Ok(key)
            : Result.Fail<byte[]>($"{source}: not a key (expected one line of Base64 encoding {KeyBytes} bytes).");
    }

    /// <summary>The public key that belongs to a secret key (X25519 scalar multiplication of the base point).</summary>
    public static byte[] PublicKeyOf(byte[] secretKey) => Sodium.ScalarMult.Base(secretKey);

    private static void WriteSecret(string path, byte[] secretKey)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(secretKey) + "\n"));
        stream.Flush(flushToDisk: true);
    }
}
