using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Waymark.Secrets;
using Waymark.Storage;

namespace Waymark.Accounts;

/// <summary>
/// Encrypts console accounts' TOTP secrets at rest (AES-256-GCM, <see cref="SealedText"/>) with a key kept in a file, never
/// in the database: a copied database or backup alone no longer lets anyone compute codes. The file
/// is made at first start (32 random bytes, mode 0600) unless it exists, and refused when the group
/// or others may read it; several nodes sharing one
/// PostgreSQL must be given the same file (docs/deploy.md). Each ciphertext is bound to its account
/// id, so a secret cannot be moved to another row. Stored form: <c>v1:</c> + Base64(nonce, ciphertext, tag).
/// Secrets written before encryption (plain Base32) are still read, and re-stored encrypted at the
/// account's next sign-in.
/// </summary>
public sealed class TotpSecretBox
{
    public const string FileName = "secrets.key";
    private const string Prefix = "v1:";
    private const int KeyBytes = SealedText.KeyBytes;

    private readonly byte[]? _key;

    private TotpSecretBox(byte[]? key) => _key = key;

    /// <summary>For tools that never touch a second factor (<c>waymark users list</c>): using it for one is a bug.</summary>
    public static TotpSecretBox None { get; } = new(null);

    /// <summary>Reads the key file, creating it (mode 0600) when it does not exist.</summary>
    public static TotpSecretBox LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (!Directory.Exists(folder))
            {
                PrivateFiles.EnsureDirectory(folder);
            }
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var file = new FileStream(path, options);
                file.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)) + "\n"));
                file.Flush(flushToDisk: true);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process made it first: read theirs.
            }
        }

        PrivateFiles.CheckFile(path);
        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The secrets key file {path} is not Base64.");
        }

        return key.Length == KeyBytes ? new TotpSecretBox(key) : throw new InvalidOperationException($"The secrets key file {path} must hold {KeyBytes} bytes.");
    }

    /// <summary>A box with a given key (tests).</summary>
    internal static TotpSecretBox ForKey(byte[] key) => new(key.Length == KeyBytes ? key : throw new ArgumentException("32 bytes", nameof(key)));

    /// <summary>
    /// A 32-byte key for another purpose (HKDF-SHA256 of the file's key with <paramref name="purpose"/>
    /// as info): the file stays the one secret that nodes share and that never enters the database.
    /// </summary>
    public byte[] DeriveKey(string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, Key(), KeyBytes, salt: [], info: Encoding.UTF8.GetBytes(purpose));
    }

    /// <summary>Whether a stored value is still the plain secret of before encryption.</summary>
    public static bool IsPlain(string stored) => !stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string Seal(long accountId, string secret) => SealedText.Seal(Key(), Prefix, secret, Associated(accountId));

    /// <summary>
    /// Seals a secret offered at enrolment to one pending sign-in (<paramref name="pendingLogin"/>, the
    /// random id in its second-factor cookie): no other sign-in of the account can open it.
    /// </summary>
    public string SealPending(long accountId, string pendingLogin, string secret) =>
        SealedText.Seal(Key(), Prefix, secret, Associated(accountId, pendingLogin));

    /// <summary>The secret offered to <paramref name="pendingLogin"/>, or null when it was offered to another sign-in (or under another key).</summary>
    public string? OpenPending(long accountId, string pendingLogin, string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return SealedText.Open(Key(), Prefix, stored, Associated(accountId, pendingLogin));
    }

    /// <summary>The plain secret, or null when the stored value cannot be opened with this key (another key file, or a secret moved from another account).</summary>
    public string? Open(long accountId, string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return IsPlain(stored) ? stored : SealedText.Open(Key(), Prefix, stored, Associated(accountId));
    }

    private byte[] Key() => _key ?? throw new InvalidOperationException("No secrets key was loaded; this tool cannot handle second factors.");

    private static byte[] Associated(long accountId) =>
        Encoding.ASCII.GetBytes("waymark totp " + accountId.ToString(CultureInfo.InvariantCulture));

    private static byte[] Associated(long accountId, string pendingLogin) =>
        Encoding.UTF8.GetBytes("waymark totp pending " + accountId.ToString(CultureInfo.InvariantCulture) + " " + pendingLogin);
}
