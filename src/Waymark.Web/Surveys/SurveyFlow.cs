using Waymark.Responses;
using Waymark.Storage;
using Waymark.Surveys;

namespace Waymark.Web.Surveys;

/// <summary>
/// The respondent flow (docs/surveys-respondents.md): consent, pages with back and next,
/// validation and relevance on the server (the survey engine), language switching that keeps the
/// answers, resume codes, and the durable store of the completed response before the thank-you
/// page is shown.
/// </summary>
public sealed class SurveyFlow
{
    private readonly FlowStateProtector _protector;
    private readonly WaymarkDatabase _database;
    private readonly ResponseCommitter _committer;
    private readonly TimeProvider _time;
    private readonly SurveyOptions _options;
    private readonly SelfHelp.DerivationGate _gate;

    internal SurveyFlow(FlowStateProtector protector, WaymarkDatabase database, ResponseCommitter committer, TimeProvider time, SurveyOptions options, SelfHelp.DerivationGate gate)
    {
        _gate = gate;
        _committer = committer;
        _protector = protector;
        _database = database;
        _time = time;
        _options = options;
    }

    public const string StateField = "state";
    public const string ActionField = "nav";
    public const string HoneypotField = "contact_email";
    public const string CodeField = "code";

    /// <summary>The notice when the derivation gate is full (shared with self-help's forms).</summary>
    internal const string BusyNotice = "Help.Error.Busy";

    /// <summary>How long a resume draft is kept.</summary>
    public const int DraftDays = 30;

    internal SurveyScreen Consent(SurveyEntry entry, string? noticeKey = null)
    {
        var state = new FlowState
        {
            Instrument = entry.Id,
            Version = entry.Instrument.Settings.Version,
            ResponseId = FlowState.NewResponseId(),
            ShownAt = _time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        return new SurveyScreen(ScreenKind.Consent, entry, _protector.Protect(state)) { NoticeKey = noticeKey };
    }

    internal static SurveyScreen ResumeEntry(SurveyEntry entry, string? noticeKey = null) =>
        new(ScreenKind.ResumeEntry, entry, string.Empty) { NoticeKey = noticeKey };

    internal async Task<SurveyScreen> HandleAsync(SurveyEntry entry, string language, IFormCollection form, CancellationToken cancellationToken)
    {
        var action = form[ActionField].ToString();
        if (action == "resume")
        {
            return await ResumeAsync(entry, language, form[CodeField].ToString(), cancellationToken).ConfigureAwait(false);
        }

        var state = _protector.Unprotect(form[StateField].ToString());
        if (state is null || state.Instrument != entry.Id || state.Version != entry.Instrument.Settings.Version)
        {
            return Consent(entry, "Survey.Expired");
        }

        if (!string.IsNullOrWhiteSpace(form[HoneypotField].ToString()))
        {
            state = state with { HoneypotFilled = true };
        }

        var now = _time.GetUtcNow();
        if (state.Page == FlowState.ConsentPage)
        {
            if (action != "start")
            {
                return Consent(entry) with { State = _protector.Protect(state with { ShownAt = now.ToUnixTimeMilliseconds() }) };
            }

            var answers = state.Answers.Count > 0 ? state.Answers : entry.Engine.Start(language);
            var first = entry.Engine.FirstPage(answers);
            return first is { } page
                ? Show(entry, language, state with { Answers = answers }, page, now)
                : await CompleteAsync(entry, language, state with { Answers = answers }, now, cancellationToken).ConfigureAwait(false);
        }

        var current = Math.Clamp(state.Page, 0, entry.Engine.Pages.Count - 1);
        state = state.WithTimeSpentOn(current, now);
        var result = entry.Engine.Submit(current, language, state.Answers, Posted(entry, current, form));
        state = state with { Answers = result.Answers };
        if (RepeatAction(action) is { } change)
        {
            // "Add another" / "Remove this one": the page's answers kept (those that parse), the instance added or
            // removed, and the same page shown again without errors (nothing was asked to be checked yet).
            var answers = change.Instance == 0
                ? entry.Engine.AddInstance(state.Answers, change.Repeat, language)
                : entry.Engine.RemoveInstance(state.Answers, change.Repeat, change.Instance, language);
            return Show(entry, language, state with { Answers = answers }, current, now, change.Instance == 0 ? result.Rejected : null);
        }

        switch (action)
        {
            case "back":
                return Show(entry, language, state, entry.Engine.PreviousPage(current, state.Answers) ?? current, now);
            case "save":
                return await SaveDraftAsync(entry, language, state with { Page = current }, now, cancellationToken).ConfigureAwait(false);
            case "next" when result.IsAccepted:
                return entry.Engine.NextPage(current, state.Answers) is { } next
                    ? Show(entry, language, state, next, now)
                    : await CompleteAsync(entry, language, state, now, cancellationToken).ConfigureAwait(false);
            case "next" when result.Errors.Count == 0:
                // Nothing wrong, but the answers revealed follow-up questions on this page: say so, or the
                // respondent sees the same page again and wonders why.
                return Show(entry, language, state, current, now, result.Rejected) with { NoticeKey = "Survey.NewQuestions" };
            case "next":
                return Show(entry, language, state, current, now, result.Rejected, result.Errors);
            default:
                // A language switch or a "continue now": the same page, answers kept, no errors shown yet.
                return Show(entry, language, state, current, now, result.Rejected);
        }
    }

    private SurveyScreen Show(
        SurveyEntry entry,
        string language,
        FlowState state,
        int page,
        DateTimeOffset now,
        IReadOnlyDictionary<string, string>? shown = null,
        IReadOnlyList<Waymark.Surveys.Paging.FieldError>? errors = null)
    {
        var engine = entry.Engine;
        var next = state with { Page = page, ShownAt = now.ToUnixTimeMilliseconds() };
        return new SurveyScreen(ScreenKind.Questions, entry, _protector.Protect(next))
        {
            Page = engine.View(page, language, state.Answers, shown, errors),
            IsLastPage = engine.NextPage(page, state.Answers) is null,
            CanGoBack = engine.PreviousPage(page, state.Answers) is not null,
        };
    }

    private async Task<SurveyScreen> CompleteAsync(SurveyEntry entry, string language, FlowState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Checked again over the whole survey, so that a crafted post cannot skip a required page.
        var errors = entry.Engine.ValidateAll(state.Answers, language);
        if (errors.Count > 0)
        {
            var page = entry.Engine.PageOf(errors[0].Question) ?? 0;
            return Show(entry, language, state, page, now, null, errors);
        }

        var answers = entry.Engine.Settle(state.Answers, language);
        var seconds = state.Seconds.OrderBy(s => s.Key).Select(s => s.Value).ToList();
        var flags = QualityCheck.ForResponse(new QualityInput(answers, entry.FreeTextQuestions, entry.Grids, entry.AttentionChecks, state.HoneypotFilled, seconds)
        {
            Repeats = entry.Instrument.Repeats.Select(r => r.Name).ToList(),
        });
        var day = _options.DayOf(now);
        var record = new ResponseRecord
        {
            Id = state.ResponseId,
            Instrument = entry.Id,
            Version = entry.Instrument.Settings.Version,
            Language = language,
            Day = day,
            Answers = answers,
            PageSeconds = seconds,
            Items = CountItems(entry.Instrument, answers),
            Flags = flags,
        };
        var json = record.ToJsonBytes();
        var payload = entry.PublicKey is { } key ? SealedBox.Seal(json, key) : json;
        // A sealed response's flags are sealed with its answers (inside the record): nothing in clear says
        // which sealed respondent was careless; an unsealed one keeps them in clear for the console's counts.
        var clearFlags = entry.PublicKey is null ? string.Join(' ', flags) : string.Empty;
        var stored = new StoredResponse(record.Id, entry.Id, day, entry.PublicKey is not null, payload, clearFlags, language);

        // Committed (durably, docs/adr/0002) before the thank-you page is sent; a re-sent form is stored once.
        // Not cancelled with the request: once queued, the response is stored whether or not the respondent waits.
        await _committer.CommitAsync(stored, state.DraftId).ConfigureAwait(false);
        return new SurveyScreen(ScreenKind.Complete, entry, string.Empty);
    }

    private async Task<SurveyScreen> SaveDraftAsync(SurveyEntry entry, string language, FlowState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var code = ResumeDrafts.NewCode();
        var keys = await _gate.RunAsync(() => ResumeDrafts.Derive(code), cancellationToken).ConfigureAwait(false);
        if (keys is null)
        {
            // Too many derivations at once: the same page, answers kept, "try again in a few seconds".
            return Show(entry, language, state, state.Page, now) with { NoticeKey = BusyNotice, Busy = true };
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);

        // The draft keeps no clock time: only the page, the answers and the rounded durations.
        var kept = state with { ShownAt = 0, DraftId = keys.Id };
        await _database.SurveyResponses.DeleteExpiredDraftsAsync(today, cancellationToken).ConfigureAwait(false);
        await _database.SurveyResponses.SaveDraftAsync(
            new StoredDraft(keys.Id, entry.Id, ResumeDrafts.Encrypt(FlowStateProtector.ToBytes(kept), keys), today.AddDays(DraftDays)),
            cancellationToken).ConfigureAwait(false);
        var continueState = kept with { ShownAt = now.ToUnixTimeMilliseconds() };
        return new SurveyScreen(ScreenKind.ResumeCode, entry, _protector.Protect(continueState)) { ResumeCode = code };
    }

    private async Task<SurveyScreen> ResumeAsync(SurveyEntry entry, string language, string typed, CancellationToken cancellationToken)
    {
        var reading = ResumeDrafts.Read(typed);
        if (!reading.IsSuccess)
        {
            return ResumeEntry(entry, "Survey.ResumeInvalid");
        }

        var code = reading.Phrase!;
        var keys = await _gate.RunAsync(() => ResumeDrafts.Derive(code), cancellationToken).ConfigureAwait(false);
        if (keys is null)
        {
            return ResumeEntry(entry, BusyNotice) with { Busy = true };
        }

        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var draft = await _database.SurveyResponses.FindDraftAsync(keys.Id, today, cancellationToken).ConfigureAwait(false);
        Result<byte[]>? opened = draft is null ? null : ResumeDrafts.Decrypt(draft.Payload, keys);
        if (draft is null)
        {
            // A draft saved before resume codes were stretched with Argon2id (they expire within DraftDays).
            draft = await _database.SurveyResponses.FindDraftAsync(ResumeDrafts.LegacyDraftId(code), today, cancellationToken).ConfigureAwait(false);
            opened = draft is null ? null : ResumeDrafts.DecryptLegacy(draft.Payload, code);
        }

        var state = opened is { IsSuccess: true } ? FlowStateProtector.FromBytes(opened.Value.Value!) : null;
        if (state is null || state.Instrument != entry.Id || state.Version != entry.Instrument.Settings.Version)
        {
            return ResumeEntry(entry, "Survey.ResumeNotFound");
        }

        var page = Math.Clamp(state.Page, 0, entry.Engine.Pages.Count - 1);
        var answers = entry.Engine.Settle(state.Answers, language);
        var resumed = state with { Answers = answers, DraftId = draft!.Id };
        return entry.Engine.IsPageRelevant(page, answers)
            ? Show(entry, language, resumed, page, _time.GetUtcNow())
            : Show(entry, language, resumed, entry.Engine.FirstPage(answers) ?? 0, _time.GetUtcNow());
    }

    /// <summary>The button value of "Add another" for a repeat (<c>add:REPEAT</c>).</summary>
    public static string AddAction(string repeat) => "add:" + repeat;

    /// <summary>The button value of "Remove this one" for an instance of a repeat (<c>remove:REPEAT:N</c>).</summary>
    public static string RemoveAction(string repeat, int instance) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"remove:{repeat}:{instance}");

    /// <summary>The repeat an add or remove button names, with the instance removed (0 to add); null for any other action.</summary>
    internal static (string Repeat, int Instance)? RepeatAction(string action)
    {
        if (action.StartsWith("add:", StringComparison.Ordinal) && action.Length > 4)
        {
            return (action[4..], 0);
        }

        var parts = action.Split(':');
        return parts is ["remove", { Length: > 0 } repeat, var number]
            && int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var instance) && instance > 0
            ? (repeat, instance)
            : null;
    }

    /// <summary>The posted values of the questions on one page (several for select_multiple), by answer key (<c>NAME[i]</c> in a repeat).</summary>
    internal static Dictionary<string, IReadOnlyList<string>> Posted(SurveyEntry entry, int page, IFormCollection form)
    {
        var posted = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var onPage = entry.Engine.Pages[page].Questions.Select(q => q.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            if (AnswerKeys.TryParse(key, out var name, out _) && onPage.Contains(name))
            {
                posted[key] = values.Where(v => v is not null).Select(v => v!).ToList();
            }
        }

        return posted;
    }

    /// <summary>Answers the respondent gave (calculations excluded): the unit of the speeding rule.</summary>
    private static int CountItems(Instrument instrument, IReadOnlyDictionary<string, string> answers) =>
        answers.Keys.Count(key => AnswerKeys.TryParse(key, out var name, out _) && instrument.Find(name) is { } q && q.Type is not (QuestionType.Calculate or QuestionType.Note));
}
