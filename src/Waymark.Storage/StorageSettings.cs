namespace Waymark.Storage;

/// <summary>
/// Where Waymark keeps its data. With no connection string, an SQLite file under
/// <see cref="DataDirectory"/> is used; a PostgreSQL connection string selects PostgreSQL.
/// </summary>
public sealed record StorageSettings
{
    /// <summary>Folder for the SQLite file (created if missing).</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>A PostgreSQL (Npgsql) connection string, or null/empty for embedded SQLite.</summary>
    public string? PostgresConnectionString { get; init; }

    public DatabaseEngine Engine =>
        string.IsNullOrWhiteSpace(PostgresConnectionString) ? DatabaseEngine.Sqlite : DatabaseEngine.PostgreSql;

    /// <summary>The SQLite file path this configuration uses.</summary>
    public string SqlitePath => Path.GetFullPath(Path.Combine(DataDirectory, "waymark.db"));
}
