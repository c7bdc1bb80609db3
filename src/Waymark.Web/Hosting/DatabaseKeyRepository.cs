using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Waymark.Storage;

namespace Waymark.Web.Hosting;

/// <summary>
/// Keeps the data-protection key ring in Waymark's database (shared by all nodes), encrypted with a
/// key that is not in the database: AES-256-GCM under a key derived from <c>secrets.key</c>
/// (<see cref="Accounts.TotpSecretBox.DeriveKey"/>). The ring signs console sessions and protects
/// form tokens, so a copy of the database alone must not yield it. Stored form:
/// <see cref="Prefix"/> + Base64(nonce, ciphertext, tag), the key's name bound as associated data.
/// Keys an earlier version stored in clear are deleted when the repository opens: whoever could read
/// the database could read them, so they are retired (sessions and form tokens they signed end).
/// </summary>
internal sealed class DatabaseKeyRepository : IXmlRepository
{
    internal const string Prefix = "wmring1:";
    internal const string Purpose = "waymark data-protection key ring v1";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly WaymarkDatabase _database;
    private readonly byte[] _key;

    private DatabaseKeyRepository(WaymarkDatabase database, byte[] key)
    {
        _database = database;
        _key = key;
    }

    /// <summary>Opens the ring with a 32-byte key (derived from <c>secrets.key</c>) and retires keys stored in clear.</summary>
    public static DatabaseKeyRepository Open(WaymarkDatabase database, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException("The key ring's key is 32 bytes.", nameof(key));
        }

        database.ProtectionKeys.DeleteUnlessPrefixed(Prefix);
        return new DatabaseKeyRepository(database, key);
    }

    /// <summary>
    /// Every key this node can open. A row sealed under another <c>secrets.key</c> (a node given the
    /// wrong file) is skipped: the framework then makes a key of its own, and the operator sees sessions
    /// fail between nodes rather than a crash.
    /// </summary>
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var elements = new List<XElement>();
        foreach (var (name, stored) in _database.ProtectionKeys.ReadAllNamed())
        {
            if (Open(name, stored) is { } xml)
            {
                elements.Add(XElement.Parse(xml));
            }
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        _database.ProtectionKeys.Add(friendlyName, Seal(friendlyName, element.ToString(SaveOptions.DisableFormatting)));
    }

    private string Seal(string name, string xml)
    {
        var plain = Encoding.UTF8.GetBytes(xml);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, NonceBytes));
        using (var aes = new AesGcm(_key, TagBytes))
        {
            aes.Encrypt(sealedBytes.AsSpan(0, NonceBytes), plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Associated(name));
        }

        CryptographicOperations.ZeroMemory(plain);
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    private string? Open(string name, string stored)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(stored[Prefix.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            return null;
        }

        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), plain, Associated(name));
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static byte[] Associated(string name) => Encoding.UTF8.GetBytes(Purpose + "\n" + name);
}
