using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Waymark.Responses;
using Waymark.Surveys.Paging;

namespace Waymark.Web.Surveys;

/// <summary>
/// The console's test preview (docs/surveys.md): a researcher walks an uploaded form, a draft or a published
/// version, page by page as a respondent would, through the public flow's own engine: relevance, required
/// answers, constraints, calculations, repeats, back and next, a change of language that keeps the answers.
/// It stores nothing, by construction: this class holds no database, no committer and no counter, so there is
/// nothing it could write to. The place travels in the page's hidden field, protected for this purpose only,
/// so a preview's state is never read by the public flow (nor the reverse). At the end it shows the answers
/// as the response would have recorded them and the quality flags it would have carried.
/// </summary>
internal sealed class PreviewFlow(IDataProtectionProvider provider, TimeProvider time)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Waymark.Console.PreviewState.v1");

    /// <summary>What the state names instead of a form id: the stored upload, so a state from another upload is refused.</summary>
    internal static string Marker(long storedId) => "console-preview:" + storedId.ToString(CultureInfo.InvariantCulture);

    internal PreviewScreen Start(long storedId, SurveyEntry entry, string language, string? noticeKey = null)
    {
        var answers = entry.Engine.Start(language);
        var state = new FlowState { Instrument = Marker(storedId), Version = entry.Instrument.Settings.Version, ResponseId = "preview", Answers = answers };
        var now = time.GetUtcNow();
        var screen = entry.Engine.FirstPage(answers) is { } page ? Show(entry, language, state, page, now) : Finish(entry, language, state, now);
        return screen with { NoticeKey = noticeKey };
    }

    internal PreviewScreen Handle(long storedId, SurveyEntry entry, string language, IFormCollection form)
    {
        var state = Unprotect(form[SurveyFlow.StateField].ToString());
        if (state is null || state.Instrument != Marker(storedId) || state.Version != entry.Instrument.Settings.Version)
        {
            return Start(storedId, entry, language, "Survey.Expired");
        }

        var now = time.GetUtcNow();
        var engine = entry.Engine;
        var current = Math.Clamp(state.Page, 0, engine.Pages.Count - 1);
        state = state.WithTimeSpentOn(current, now);
        var result = engine.Submit(current, language, state.Answers, SurveyFlow.Posted(entry, current, form));
        state = state with { Answers = result.Answers };
        var action = form[SurveyFlow.ActionField].ToString();
        if (SurveyFlow.RepeatAction(action) is { } change)
        {
            var answers = change.Instance == 0
                ? engine.AddInstance(state.Answers, change.Repeat, language)
                : engine.RemoveInstance(state.Answers, change.Repeat, change.Instance, language);
            return Show(entry, language, state with { Answers = answers }, current, now, change.Instance == 0 ? result.Rejected : null);
        }

        return action switch
        {
            "back" => Show(entry, language, state, engine.PreviousPage(current, state.Answers) ?? current, now),
            "next" when result.IsAccepted => engine.NextPage(current, state.Answers) is { } next
                ? Show(entry, language, state, next, now)
                : Finish(entry, language, state, now),
            "next" when result.Errors.Count == 0 => Show(entry, language, state, current, now, result.Rejected) with { NoticeKey = "Survey.NewQuestions" },
            "next" => Show(entry, language, state, current, now, result.Rejected, result.Errors),
            _ => Show(entry, language, state, current, now, result.Rejected),
        };
    }

    private PreviewScreen Show(
        SurveyEntry entry, string language, FlowState state, int page, DateTimeOffset now,
        IReadOnlyDictionary<string, string>? shown = null, IReadOnlyList<FieldError>? errors = null)
    {
        var engine = entry.Engine;
        var next = state with { Page = page, ShownAt = now.ToUnixTimeMilliseconds() };
        return new PreviewScreen(Protect(next))
        {
            Page = engine.View(page, language, state.Answers, shown, errors),
            IsLastPage = engine.NextPage(page, state.Answers) is null,
            CanGoBack = engine.PreviousPage(page, state.Answers) is not null,
        };
    }

    /// <summary>The end: checked over the whole form as the public flow does, then shown, not sent.</summary>
    private PreviewScreen Finish(SurveyEntry entry, string language, FlowState state, DateTimeOffset now)
    {
        var errors = entry.Engine.ValidateAll(state.Answers, language);
        if (errors.Count > 0)
        {
            return Show(entry, language, state, entry.Engine.PageOf(errors[0].Question) ?? 0, now, null, errors);
        }

        var answers = entry.Engine.Settle(state.Answers, language);
        var seconds = state.Seconds.OrderBy(s => s.Key).Select(s => s.Value).ToList();
        var flags = QualityCheck.ForResponse(new QualityInput(answers, entry.FreeTextQuestions, entry.Grids, entry.AttentionChecks, false, seconds));
        return new PreviewScreen(string.Empty) { Recorded = answers, Flags = flags };
    }

    private string Protect(FlowState state) => Convert.ToBase64String(_protector.Protect(FlowStateProtector.ToBytes(state)));

    private FlowState? Unprotect(string text)
    {
        try
        {
            return text.Length == 0 ? null : FlowStateProtector.FromBytes(_protector.Unprotect(Convert.FromBase64String(text)));
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>One screen of the test preview: a page of questions (<see cref="Page"/>), or the end (<see cref="Recorded"/>).</summary>
internal sealed record PreviewScreen(string State)
{
    public PageView? Page { get; init; }

    public bool IsLastPage { get; init; }

    public bool CanGoBack { get; init; }

    /// <summary>A message key for the top of the page (an unreadable state, follow-up questions that appeared).</summary>
    public string? NoticeKey { get; init; }

    /// <summary>At the end: the answers as the response would have recorded them (nothing was).</summary>
    public IReadOnlyDictionary<string, string>? Recorded { get; init; }

    /// <summary>At the end: the quality flags the response would have carried.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];
}
