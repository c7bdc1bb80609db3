namespace Waymark.Storage;

/// <summary>
/// The data-protection key ring (XML documents by name) kept in the database, so that every node
/// sharing the database signs and verifies with the same keys. Synchronous because the framework's
/// key repository interface is.
/// </summary>
public sealed class ProtectionKeyStore
{
    private readonly WaymarkDatabase _database;

    internal ProtectionKeyStore(WaymarkDatabase database) => _database = database;

    /// <summary>The stored text of every key, in name order.</summary>
    public IReadOnlyList<string> ReadAll() => ReadAllNamed().Select(key => key.Xml).ToList();

    /// <summary>Every stored key with its name, in name order.</summary>
    public IReadOnlyList<(string Name, string Xml)> ReadAllNamed()
    {
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, xml FROM protection_keys ORDER BY name";
        var keys = new List<(string, string)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add((reader.GetString(0), reader.GetString(1)));
        }

        return keys;
    }

    /// <summary>Deletes every key whose stored text does not start with <paramref name="prefix"/> (keys of an older storage form).</summary>
    public int DeleteUnlessPrefixed(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM protection_keys WHERE substr(xml, 1, @length) <> @prefix";
        Migrator.AddParameter(command, "length", prefix.Length);
        Migrator.AddParameter(command, "prefix", prefix);
        return command.ExecuteNonQuery();
    }

    /// <summary>Stores a key; a name already present is kept as it is (keys are immutable).</summary>
    public void Add(string name, string xml)
    {
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO NOTHING";
        Migrator.AddParameter(command, "name", name);
        Migrator.AddParameter(command, "xml", xml);
        command.ExecuteNonQuery();
    }
}
