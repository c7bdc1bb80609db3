using Waymark.Screening;
using Waymark.Screening.Terms;
using Waymark.Storage;

namespace Waymark.Web.Screening;

/// <summary>
/// The node's live screener: the configured term file plus every active list uploaded in the
/// console (docs/adr/0090). Every <see cref="RefreshInterval"/> it reads one version number from
/// the database and the size and time of the term file; only when one of them moved does it read
/// the lists and build a new screener, which is swapped in whole, so a request sees either the old
/// terms or the new ones, never a mixture. An edited term file is live without a restart; one that
/// cannot be read, or leaves no term, is named in the log and the terms in use stay.
/// </summary>
internal sealed partial class ScreeningTerms(
    Screener fileScreener, TermFile file, WaymarkDatabase database, TimeProvider time, ILogger<ScreeningTerms> logger)
    : BackgroundService
{
    /// <summary>How often a node checks for changed lists: a change made on another node, or to the file, is live within this.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile TermState _state = TermState.Initial(fileScreener, file);

    /// <summary>The screener to use for this request.</summary>
    public Screener Current => _state.Screener;

    /// <summary>What is active now: the configured file first, then the uploaded lists.</summary>
    public TermState State => _state;

    /// <summary>Reloads the lists when their version or the term file moved; a cheap read otherwise.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (!_state.File.HasChangedOnDisk()
            && await database.ScreeningTermLists.VersionAsync(cancellationToken).ConfigureAwait(false) == _state.Version)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var termFile = _state.File.HasChangedOnDisk() ? Reread(_state.File) : _state.File;
            var stored = await database.ScreeningTermLists.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            if (stored.Version != _state.Version || termFile != _state.File)
            {
                _state = Build(stored, termFile);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The term file as it is on disk now, or the terms read before when it cannot be used (not read again until it changes).</summary>
    private TermFile Reread(TermFile before)
    {
        var reread = fileScreener.ReopenTermFile(before);
        if (!reread.IsSuccess)
        {
            LogFileRefused(logger, before.Name, reread.Error!);
            return before.AsOnDisk();
        }

        var after = reread.Value!;
        LogFileReloaded(logger, after.Name, after.Entries.Count, after.SkippedCount);
        foreach (var skipped in after.DescribeSkipped())
        {
            LogLineSkipped(logger, skipped);
        }

        return after;
    }

    private TermState Build(StoredTermLists stored, TermFile termFile)
    {
        var lists = new List<ActiveTermList> { ActiveTermList.Of(termFile) };
        var owners = new Dictionary<TermEntry, string>(ReferenceEqualityComparer.Instance);
        foreach (var entry in termFile.Entries)
        {
            owners[entry] = termFile.Name;
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
            return _state with { Version = stored.Version, File = termFile };
        }

        return new TermState(stored.Version, screener.Value!, termFile, lists, stored.Lists, owners);
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

    [LoggerMessage(EventId = 93, Level = LogLevel.Information, Message = "The term file {Name} changed on disk and is live again: {Terms} entries, {Skipped} lines skipped")]
    private static partial void LogFileReloaded(ILogger logger, string name, int terms, int skipped);

    [LoggerMessage(EventId = 94, Level = LogLevel.Error, Message = "The term file {Name} changed on disk but cannot be used ({Why}); the terms read before stay in use until it changes again")]
    private static partial void LogFileRefused(ILogger logger, string name, string why);

    /// <summary>A line of the term file that was skipped (at start-up or on a reload), as NAME:LINE: why.</summary>
    [LoggerMessage(EventId = 95, Level = LogLevel.Warning, Message = "Term file line skipped: {Line}")]
    internal static partial void LogLineSkipped(ILogger logger, string line);
}

/// <summary>One active list: the configured file (no id) or an uploaded list.</summary>
internal sealed record ActiveTermList(string Name, long? Id, string? UploadedBy, DateOnly? UploadedDay, IReadOnlyList<TermEntry> Entries)
{
    /// <summary>The configured term file (the shipped list or <c>WAYMARK_SCREENING_TERMS</c>) as an active list.</summary>
    public static ActiveTermList Of(TermFile file) => new(file.Name, null, null, null, file.Entries);

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
    long Version, Screener Screener, TermFile File, IReadOnlyList<ActiveTermList> Lists, IReadOnlyList<StoredTermList> Stored, IReadOnlyDictionary<TermEntry, string> Owners)
{
    public static TermState Initial(Screener screener, TermFile file) =>
        new(-1, screener, file, [ActiveTermList.Of(file)], [], file.Entries.ToDictionary(e => e, _ => file.Name, (IEqualityComparer<TermEntry>)ReferenceEqualityComparer.Instance));

    /// <summary>The list a matched term belongs to.</summary>
    public string ListOf(TermEntry entry) => Owners.TryGetValue(entry, out var name) ? name : "";
}
