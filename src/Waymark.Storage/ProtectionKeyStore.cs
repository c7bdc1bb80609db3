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

    public IReadOnlyList<string> ReadAll()
    {
        using var connection = _database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM protection_keys ORDER BY name";
        var keys = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
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
