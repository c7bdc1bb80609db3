using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Waymark.Storage;

/// <summary>
/// The one entry point to Waymark's storage: opens the configured engine, applies migrations
/// and hands out the stores. Durable by construction: SQLite runs in WAL mode with
/// <c>synchronous=FULL</c>, so a committed transaction survives a crash or power loss. What it keeps
/// about visitors reveals no order of arrival once <see cref="CompactAsync"/> has run, and SQLite's log
/// keeps nothing between commits (docs/adr/0100-no-arrival-order-on-disk.md).
/// </summary>
public sealed class WaymarkDatabase : IAsyncDisposable
{
    private readonly DbDataSource _dataSource;

    private WaymarkDatabase(DatabaseEngine engine, DbDataSource dataSource, string description)
    {
        Engine = engine;
        _dataSource = dataSource;
        Description = description;
        Counters = new CounterStore(this);
        ProtectionKeys = new ProtectionKeyStore(this);
        SelfHelpVaults = new SelfHelpVaultStore(this);
        SurveyResponses = new SurveyResponseStore(this);
        Users = new UserStore(this);
        ConsoleSessions = new ConsoleSessionStore(this);
        AuditLog = new AuditLogStore(this);
        Instruments = new InstrumentStore(this);
        ScreeningTermLists = new ScreeningTermListStore(this);
        ResponseMarks = new ResponseMarkStore(this);
    }

    public DatabaseEngine Engine { get; }

    /// <summary>A description for operators that carries no secret (no password).</summary>
    public string Description { get; }

    /// <summary>Coarse daily counters.</summary>
    public CounterStore Counters { get; }

    /// <summary>The shared data-protection key ring.</summary>
    public ProtectionKeyStore ProtectionKeys { get; }

    /// <summary>Encrypted self-help progress under phrase-derived lookups.</summary>
    public SelfHelpVaultStore SelfHelpVaults { get; }

    /// <summary>Survey responses (sealed or plain) and resume drafts.</summary>
    public SurveyResponseStore SurveyResponses { get; }

    /// <summary>Researcher console accounts.</summary>
    public UserStore Users { get; }

    /// <summary>Console sessions held on the server (ended at sign-out on every node).</summary>
    public ConsoleSessionStore ConsoleSessions { get; }

    /// <summary>Who did what in the console, to the minute.</summary>
    public AuditLogStore AuditLog { get; }

    /// <summary>Survey instruments uploaded through the console, and the catalog version nodes poll.</summary>
    public InstrumentStore Instruments { get; }

    /// <summary>Search-screening term lists uploaded in the console.</summary>
    public ScreeningTermListStore ScreeningTermLists { get; }

    /// <summary>Responses an analyst set aside as test or junk (reversible; nothing deleted).</summary>
    public ResponseMarkStore ResponseMarks { get; }

    /// <summary>Opens (and for SQLite, creates) the database and brings its schema up to date.</summary>
    public static Task<WaymarkDatabase> OpenAsync(StorageSettings settings, CancellationToken cancellationToken = default) =>
        OpenAsync(settings, int.MaxValue, cancellationToken);

    /// <summary>Opens with the migrations up to <paramref name="upToVersion"/> only (tests of a migration's data move).</summary>
    internal static async Task<WaymarkDatabase> OpenAsync(StorageSettings settings, int upToVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var database = settings.Engine == DatabaseEngine.Sqlite ? OpenSqlite(settings) : OpenPostgres(settings);
        try
        {
            await Migrator.ApplyAsync(database, upToVersion, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return database;
    }

    private static WaymarkDatabase OpenSqlite(StorageSettings settings)
    {
        var path = settings.SqlitePath;
        // Made private before SQLite touches them; SQLite gives -wal, -shm and -journal the database file's mode.
        PrivateFiles.EnsureDirectory(Path.GetDirectoryName(path)!);
        PrivateFiles.EnsureFile(path);
        foreach (var suffix in (string[])["-wal", "-shm", "-journal"])
        {
            PrivateFiles.CheckFile(path + suffix);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        };
        var dataSource = new SqliteDataSource(builder.ToString());
        return new WaymarkDatabase(DatabaseEngine.Sqlite, dataSource, "SQLite " + path);
    }

    private static WaymarkDatabase OpenPostgres(StorageSettings settings)
    {
        var builder = new NpgsqlConnectionStringBuilder(settings.PostgresConnectionString);
        var dataSource = NpgsqlDataSource.Create(builder);
        return new WaymarkDatabase(DatabaseEngine.PostgreSql, dataSource, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}");
    }

    /// <summary>The schema versions applied to this database, in order.</summary>
    public Task<IReadOnlyList<int>> AppliedMigrationsAsync(CancellationToken cancellationToken = default) =>
        Migrator.AppliedVersionsAsync(this, cancellationToken);

    /// <summary>Opens a connection with the engine's per-connection settings applied.</summary>
    internal async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>
    /// Run after every committed write of a record about visitors (a response, a draft, a vault, a counter):
    /// on SQLite, copies the write-ahead log into the database file and truncates the log to zero bytes,
    /// so the log holds no page image of that commit, in arrival order or at all. The commit is already
    /// durable; the checkpoint is not cancelled with the request (the caller may already have been told
    /// "stored"). A checkpoint that a long reader holds back returns without truncating; the next one
    /// catches up. Nothing to do on PostgreSQL, whose log the server manages (docs/security.md).
    /// </summary>
    internal async Task TruncateLogAsync(DbConnection connection)
    {
        if (Engine == DatabaseEngine.Sqlite)
        {
            await Migrator.ExecuteAsync(connection, null, "PRAGMA wal_checkpoint(TRUNCATE)", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The maintenance step (<c>waymark storage compact</c>, daily from cron: docs/deploy.md): rewrites what
    /// is kept about visitors in key order, so that neither a page's place in the file nor a row's
    /// transaction id follows the order of arrival any more. See <see cref="StorageCompaction"/>.
    /// </summary>
    public Task<CompactionReport> CompactAsync(CancellationToken cancellationToken = default) =>
        StorageCompaction.RunAsync(this, cancellationToken);

    /// <summary>Synchronous open, for the few framework interfaces that are synchronous.</summary>
    internal DbConnection OpenConnection() => _dataSource.OpenConnection();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
