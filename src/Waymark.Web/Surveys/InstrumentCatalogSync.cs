using Waymark.Storage;
using Waymark.Surveys.XlsForm;

namespace Waymark.Web.Surveys;

/// <summary>
/// Keeps <see cref="SurveyCatalog"/> in step with the instruments published and closed from the
/// console, on this node and on every other node sharing the database: it reads the one-row
/// catalog version every <see cref="SurveyOptions.CatalogPollInterval"/> and reloads only when it
/// changed (docs/adr/0070). Requests never query the database for the catalog. Parsed forms are
/// kept by upload id: a published upload's bytes never change.
/// </summary>
internal sealed partial class InstrumentCatalogSync(
    SurveyCatalog catalog, WaymarkDatabase database, SurveyOptions options, TimeProvider time, ILogger<InstrumentCatalogSync> logger) : BackgroundService
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Dictionary<long, SurveyEntry> _parsed = [];
    private long _loadedVersion = -1;

    /// <summary>The first load happens before the node serves anything.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CatalogPollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
            {
                // The database may be briefly unreachable; keep serving what is loaded and try again.
                LogRefreshFailed(logger, e.Message);
            }
        }
    }

    /// <summary>Reloads the console instruments when the catalog version moved (at once after a change on this node).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var version = await database.Instruments.CatalogVersionAsync(cancellationToken).ConfigureAwait(false);
            if (version == _loadedVersion)
            {
                return;
            }

            var entries = new List<SurveyEntry>();
            var published = (await database.Instruments.ListAsync(cancellationToken).ConfigureAwait(false)).Where(i => i.Status != InstrumentStatus.Draft).ToList();
            foreach (var row in await database.Instruments.CurrentAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await ParsedAsync(row, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    var others = new List<Waymark.Surveys.Instrument>();
                    foreach (var other in published.Where(i => i.FormId == row.FormId && i.Version != row.Version).OrderByDescending(i => i.Revision))
                    {
                        if (await ParsedAsync(other, cancellationToken).ConfigureAwait(false) is { } earlier)
                        {
                            others.Add(earlier.Instrument);
                        }
                    }

                    entries.Add(entry with { Closed = row.Status == InstrumentStatus.Closed, Keys = KeysOf(row, published), OtherVersions = others });
                }
            }

            catalog.UseStored(entries);
            _loadedVersion = version;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task<SurveyEntry?> ParsedAsync(InstrumentInfo row, CancellationToken cancellationToken)
    {
        if (_parsed.TryGetValue(row.Id, out var known))
        {
            return known;
        }

        var stored = await database.Instruments.FindAsync(row.Id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        using var bytes = new MemoryStream(stored.Xlsx, writable: false);
        var build = XlsFormFile.Load(bytes, row.FormId + ".xlsx");
        if (!build.IsSuccess)
        {
            // Checked at upload; a form that no longer imports (a stricter importer) is not served.
            LogStoredRefused(logger, row.FormId, row.Version, string.Join("; ", build.Problems.Where(p => p.Fatal)));
            return null;
        }

        var entry = SurveyEntry.Create(build.Instrument!, stored.PublicKey, time) with { StoredId = row.Id };
        _parsed[row.Id] = entry;
        return entry;
    }

    /// <summary>The current version's key first, then the other keys the form id was ever published with.</summary>
    private static List<byte[]> KeysOf(InstrumentInfo current, IEnumerable<InstrumentInfo> published) =>
        published.Where(i => i.FormId == current.FormId && i.PublicKey is not null)
            .OrderByDescending(i => i.Id == current.Id).ThenByDescending(i => i.Revision)
            .Select(i => i.PublicKey!).DistinctBy(Convert.ToBase64String).ToList();

    public override void Dispose()
    {
        _refreshing.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The instrument catalog could not be refreshed: {Message}")]
    private static partial void LogRefreshFailed(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored instrument {FormId} version {Version} is not served: {Problems}")]
    private static partial void LogStoredRefused(ILogger logger, string formId, string version, string problems);
}
