using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Waymark.Secrets;
using Waymark.Storage;

namespace Waymark.Web.Hosting;

/// <summary>
/// Keeps the data-protection key ring in Waymark's database (shared by all nodes), encrypted with a
/// key that is not in the database: AES-256-GCM (<see cref="SealedText"/>) under a key derived from <c>secrets.key</c>
/// (<see cref="Waymark.Accounts.TotpSecretBox.DeriveKey"/>). The ring signs console sessions and protects
/// form tokens, so a copy of the database alone must not yield it. Stored form:
/// <see cref="Prefix"/> + Base64(nonce, ciphertext, tag), the key's name bound as associated data.
/// Keys an earlier version stored in clear are deleted when the repository opens: whoever could read
/// the database could read them, so they are retired (sessions and form tokens they signed end).
/// </summary>
internal sealed class DatabaseKeyRepository : IXmlRepository
{
    internal const string Prefix = "wmring1:";
    internal const string Purpose = "waymark data-protection key ring v1";

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
        if (key.Length != SealedText.KeyBytes)
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

    private string Seal(string name, string xml) => SealedText.Seal(_key, Prefix, xml, Associated(name));

    private string? Open(string name, string stored) => SealedText.Open(_key, Prefix, stored, Associated(name));

    private static byte[] Associated(string name) => Encoding.UTF8.GetBytes(Purpose + "\n" + name);
}
