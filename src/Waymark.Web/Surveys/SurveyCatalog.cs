using Waymark.Responses;
using Waymark.Surveys;
using Waymark.Surveys.Paging;

namespace Waymark.Web.Surveys;

/// <summary>
/// The instruments this node serves: the surveys folder's (loaded once at start: every <c>*.xlsx</c>
/// XLSForm, sealed with the research team's public key beside it as <c>{form_id}.pub</c>, else with
/// the data folder's research key, unless the operator chose to serve it unsealed), plus the instruments published from the console (the latest
/// publish or close of each form id, kept current by <see cref="InstrumentCatalogSync"/>; docs/adr/0070).
/// A closed instrument is still found (its responses stay analysable) but refuses new responses
/// (<see cref="SurveyEntry.Closed"/>). A folder form wins over a console form with the same id.
/// </summary>
public sealed partial class SurveyCatalog
{
    /// <summary>The parameter (XLSForm <c>parameters</c> column) that marks an attention check: <c>attention_check=CHOICE</c>.</summary>
    public const string AttentionParameter = "attention_check";

    private readonly Dictionary<string, SurveyEntry> _folder;

    // Replaced whole (never changed in place), so readers need no lock.
    private volatile Dictionary<string, SurveyEntry> _entries;

    internal SurveyCatalog(IEnumerable<SurveyEntry> entries)
    {
        _folder = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        _entries = _folder;
    }

    /// <summary>Every instrument this node knows: served ones and closed ones.</summary>
    internal IReadOnlyCollection<SurveyEntry> All => _entries.Values;

    /// <summary>The instrument with this form id (check <see cref="SurveyEntry.Closed"/> before taking responses), or null.</summary>
    internal SurveyEntry? Find(string? id) => id is not null && _entries.TryGetValue(id, out var entry) ? entry : null;

    /// <summary>Whether the form id belongs to the surveys folder (the console cannot publish over it).</summary>
    internal bool IsFolderForm(string id) => _folder.ContainsKey(id);

    /// <summary>Replaces the console-published instruments (published and closed); the folder's stay as they are.</summary>
    internal void UseStored(IEnumerable<SurveyEntry> stored)
    {
        var merged = new Dictionary<string, SurveyEntry>(_folder, StringComparer.Ordinal);
        foreach (var entry in stored)
        {
            merged.TryAdd(entry.Id, entry);
        }

        _entries = merged;
    }

    internal static SurveyCatalog Load(SurveyOptions options, byte[]? defaultKey, Func<string, InstrumentBuild> load, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(load);
        var directory = options.Directory;
        var entries = new List<SurveyEntry>();
        if (!Directory.Exists(directory))
        {
            LogNoFolder(logger, directory);
            return new SurveyCatalog(entries);
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*.xlsx").Order(StringComparer.Ordinal))
        {
            var build = load(path);
            if (!build.IsSuccess)
            {
                LogRefused(logger, Path.GetFileName(path), string.Join("; ", build.Problems));
                continue;
            }

            var instrument = build.Instrument!;
            var publicKey = defaultKey;
            var keyPath = Path.Combine(directory, instrument.Settings.FormId + ".pub");
            if (options.UnsealedForms.Contains(instrument.Settings.FormId))
            {
                publicKey = null;
                LogUnsealedByChoice(logger, instrument.Settings.FormId);
            }
            else if (File.Exists(keyPath))
            {
                var key = SealingKeys.ReadPublic(keyPath);
                if (!key.IsSuccess)
                {
                    // Serving a survey meant to be sealed without its key would store answers in the clear.
                    LogRefused(logger, Path.GetFileName(path), key.Error!);
                    continue;
                }

                publicKey = key.Value;
            }

            if (entries.Any(e => e.Id == instrument.Settings.FormId))
            {
                LogRefused(logger, Path.GetFileName(path), $"form_id '{instrument.Settings.FormId}' is already used by another file");
                continue;
            }

            entries.Add(SurveyEntry.Create(instrument, publicKey, time));
            LogLoaded(logger, instrument.Settings.FormId, publicKey is null ? "no (unsealed)" : SealingKeys.Fingerprint(publicKey));
        }

        return new SurveyCatalog(entries);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey {Id} loaded (responses sealed with key: {Key}).")]
    private static partial void LogLoaded(ILogger logger, string id, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey {Id} is served UNSEALED, as chosen in WAYMARK_UNSEALED_SURVEYS (Waymark:UnsealedSurveys): its answers are stored readable by anyone who holds the database or a backup.")]
    private static partial void LogUnsealedByChoice(ILogger logger, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey file {File} is not served: {Problems}")]
    private static partial void LogRefused(ILogger logger, string file, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "No surveys folder at {Directory}; no survey is served.")]
    private static partial void LogNoFolder(ILogger logger, string directory);
}

/// <summary>
/// One instrument with what the flow derives from it once. <see cref="Closed"/>: it takes no new
/// responses; <see cref="StoredId"/>: the console upload it came from (null for a folder form).
/// </summary>
internal sealed record SurveyEntry(
    Instrument Instrument,
    SurveyEngine Engine,
    byte[]? PublicKey,
    IReadOnlyList<IReadOnlyList<string>> Grids,
    IReadOnlyDictionary<string, string> AttentionChecks,
    IReadOnlyCollection<string> FreeTextQuestions)
{
    public string Id => Instrument.Settings.FormId;

    public bool Closed { get; init; }

    public long? StoredId { get; init; }

    /// <summary>
    /// The form's other published versions (console uploads published or closed before), for responses given in them: the
    /// exports give their questions columns and code a question a response's version lacked as "not asked" (docs/surveys.md).
    /// </summary>
    public IReadOnlyList<Instrument> OtherVersions { get; init; } = [];

    /// <summary>
    /// Every public key responses to this form id may be sealed with: the current one first, then
    /// those of earlier published versions (an approved key change leaves responses under each).
    /// </summary>
    public IReadOnlyList<byte[]> Keys { get; init; } = PublicKey is null ? [] : [PublicKey];

    public static SurveyEntry Create(Instrument instrument, byte[]? publicKey, TimeProvider time)
    {
        var engine = new SurveyEngine(instrument, time);
        var attention = instrument.Questions
            .Where(IsAttentionCheck)
            .ToDictionary(q => q.Name, q => q.Parameters[SurveyCatalog.AttentionParameter], StringComparer.Ordinal);
        var freeText = instrument.Questions.Where(q => q.Type == QuestionType.Text).Select(q => q.Name).ToHashSet(StringComparer.Ordinal);
        return new SurveyEntry(instrument, engine, publicKey, FindGrids(engine), attention, freeText);
    }

    /// <summary>
    /// Grids: runs of at least three consecutive select_one questions on one page sharing a choice list.
    /// An attention check (<c>parameters: attention_check=CHOICE</c>) is not an item of a grid and does
    /// not break one: a sincere respondent who answers it as asked is not straight-lining.
    /// </summary>
    private static List<IReadOnlyList<string>> FindGrids(SurveyEngine engine)
    {
        var grids = new List<IReadOnlyList<string>>();
        foreach (var page in engine.Pages)
        {
            var run = new List<Question>();
            foreach (var question in page.Questions.Where(q => !IsAttentionCheck(q)).Append(null))
            {
                if (question is { Type: QuestionType.SelectOne } && (run.Count == 0 || run[0].ListName == question.ListName))
                {
                    run.Add(question);
                    continue;
                }

                if (run.Count >= QualityCheck.MinimumGridItems)
                {
                    grids.Add(run.Select(q => q.Name).ToList());
                }

                run = question is { Type: QuestionType.SelectOne } ? [question] : [];
            }
        }

        return grids;
    }

    private static bool IsAttentionCheck(Question question) =>
        question.Parameters.TryGetValue(SurveyCatalog.AttentionParameter, out var expected) && expected.Length > 0;
}
