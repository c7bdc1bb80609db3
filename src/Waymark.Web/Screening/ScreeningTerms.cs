using Waymark.Screening;
using Waymark.Screening.Terms;
using Waymark.Storage;

namespace Waymark.Web.Screening;

/// <summary>
/// The node's live screener: the configured term file plus every active list uploaded in the
/// console (docs/adr/0090). Every <see cref="RefreshInterval"/> it reads one version number from
/// the database; only when that moved does it read the lists and build a new screener, which is
/// swapped in whole, so a request sees either the old terms or the new ones, never a mixture.
/// </summary>
internal sealed partial class ScreeningTerms(
    Screener fileScreener, ConfiguredTermFile file, WaymarkDatabase database, TimeProvider time, ILogger<ScreeningTerms> logger)
    : BackgroundService
{
    /// <summary>How often a node checks for changed lists: a change made on another node is live within this.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile TermState _state = TermState.Initial(fileScreener, file);

    /// <summary>The screener to use for this request.</summary>
    public Screener Current => _state.Screener;

    /// <summary>What is active now: the configured file first, then the uploaded lists.</summary>
    public TermState State => _state;

    /// <summary>Reloads the lists when their version moved; a cheap read otherwise.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (await database.ScreeningTermLists.VersionAsync(cancellationToken).ConfigureAwait(false) == _state.Version)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = await database.ScreeningTermLists.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            if (stored.Version != _state.Version)
            {
                _state = Build(stored);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private TermState Build(StoredTermLists stored)
    {
        var lists = new List<ActiveTermList> { _state.Lists[0] };
        var owners = new Dictionary<TermEntry, string>(ReferenceEqualityComparer.Instance);
        foreach (var entry in file.Entries)
        {
            owners[entry] = file.Name;
        }

        foreach (var list in stored.Lists.Where(l => l.Active))
        {
            var check = fileScreener.CheckTermList(list.Content, list.Name);
            if (!check.IsValid)
            {
                // Checked on upload; this only happens when the rules changed since. The list is left out, not the node.
                LogListSkipped(logger, list.Id, check.Problems.Count);
                continue;
            }

            lists.Add(new ActiveTermList(list.Name, list.Id, list.UploadedBy, list.UploadedDay, check.Entries));
            foreach (var entry in check.Entries)
            {
                owners[entry] = list.Name;
            }
        }

        var screener = fileScreener.WithTerms(lists.SelectMany(l => l.Entries));
        if (!screener.IsSuccess)
        {
            LogBuildFailed(logger, stored.Version);
            return _state with { Version = stored.Version };
        }

        return new TermState(stored.Version, screener.Value!, lists, stored.Lists, owners);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await RefreshAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogRefreshFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 90, Level = LogLevel.Error, Message = "Term list #{ListId} no longer passes the checks ({Problems} problems) and is left out; upload a corrected list")]
    private static partial void LogListSkipped(ILogger logger, long listId, int problems);

    [LoggerMessage(EventId = 91, Level = LogLevel.Error, Message = "The active term lists at version {Version} could not be compiled; the previous terms stay in use")]
    private static partial void LogBuildFailed(ILogger logger, long version);

    [LoggerMessage(EventId = 92, Level = LogLevel.Warning, Message = "Could not check the term lists for changes; will retry")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}

/// <summary>The term list configured for the node (the shipped list or <c>WAYMARK_SCREENING_TERMS</c>).</summary>
internal sealed record ConfiguredTermFile(string Name, IReadOnlyList<TermEntry> Entries);

/// <summary>One active list: the configured file (no id) or an uploaded list.</summary>
internal sealed record ActiveTermList(string Name, long? Id, string? UploadedBy, DateOnly? UploadedDay, IReadOnlyList<TermEntry> Entries)
{
    public bool IsFile => Id is null;

    /// <summary>Terms by match mode (token, phrase, prefix, allow), every mode present.</summary>
    public IReadOnlyList<(MatchMode Mode, int Count)> ByMode => TermCounts.ByMode(Entries);

    /// <summary>Terms (not allow-list entries) by category.</summary>
    public IReadOnlyList<(string Category, int Count)> ByCategory => TermCounts.ByCategory(Entries);
}

/// <summary>Counts of a list's entries, for the console.</summary>
internal static class TermCounts
{
    public static IReadOnlyList<(MatchMode Mode, int Count)> ByMode(IEnumerable<TermEntry> entries)
    {
        var list = entries.ToList();
        return Enum.GetValues<MatchMode>().Select(mode => (mode, list.Count(e => e.Mode == mode))).ToList();
    }

    public static IReadOnlyList<(string Category, int Count)> ByCategory(IEnumerable<TermEntry> entries) =>
        entries.Where(e => e.Mode != MatchMode.Allow).GroupBy(e => e.Category, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToList();
}

/// <summary>A node's terms at one version: the screener built from them, the lists, and which list each term came from.</summary>
internal sealed record TermState(
    long Version, Screener Screener, IReadOnlyList<ActiveTermList> Lists, IReadOnlyList<StoredTermList> Stored, IReadOnlyDictionary<TermEntry, string> Owners)
{
    public static TermState Initial(Screener screener, ConfiguredTermFile file) =>
        new(-1, screener, [new ActiveTermList(file.Name, null, null, null, file.Entries)], [], file.Entries.ToDictionary(e => e, _ => file.Name, (IEqualityComparer<TermEntry>)ReferenceEqualityComparer.Instance));

    /// <summary>The list a matched term belongs to.</summary>
    public string ListOf(TermEntry entry) => Owners.TryGetValue(entry, out var name) ? name : "";
}
