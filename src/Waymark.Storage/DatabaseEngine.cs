namespace Waymark.Storage;

/// <summary>The storage engines Waymark runs on (docs/adr/0002-storage.md).</summary>
public enum DatabaseEngine
{
    /// <summary>Embedded SQLite file: the zero-setup default for one node.</summary>
    Sqlite,

    /// <summary>PostgreSQL server: for several app nodes sharing one database.</summary>
    PostgreSql,
}
