using System.Security.Cryptography;
using System.Text;

namespace Waymark.Secrets;

/// <summary>
/// Text sealed at rest in the one <see cref="Envelope"/> under a 32-byte key that lives outside the database, the
/// caller's associated data bound in (so a value cannot be moved to another row or purpose), stored as
/// <c>prefix</c> + Base64(envelope). The one implementation behind the console's TOTP secrets and the
/// data-protection key ring. Text sealed before the envelope (AES-256-GCM, same prefix) still opens.
/// </summary>
public static class SealedText
{
    public const int KeyBytes = Envelope.KeyBytes;

    /// <summary>Seals <paramref name="text"/>; the plain bytes are wiped afterwards.</summary>
    public static string Seal(ReadOnlySpan<byte> key, string prefix, string text, ReadOnlySpan<byte> associated)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(text);
        var plain = Encoding.UTF8.GetBytes(text);
        try
        {
            return prefix + Convert.ToBase64String(Envelope.Seal(key, plain, associated));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>
    /// The text, or null when <paramref name="stored"/> lacks the prefix, is not Base64, is too short,
    /// or does not open with this key and associated data (another key, another row, a changed byte).
    /// </summary>
    public static string? Open(ReadOnlySpan<byte> key, string prefix, string stored, ReadOnlySpan<byte> associated)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(stored);
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"The key is {KeyBytes} bytes.", nameof(key));
        }

        if (!stored.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(stored[prefix.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }

        // A value sealed before the envelope may begin with the envelope's version byte by chance: it then fails
        // the envelope's authentication and is read the old way.
        var plain = Envelope.Open(key, sealedBytes, associated) ?? Envelope.OpenLegacyAesGcm(key, sealedBytes, associated);
        if (plain is null)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
