using Waymark.Surveys.Paging;

namespace Waymark.Web.Surveys;

/// <summary>What a survey request shows.</summary>
internal enum ScreenKind
{
    Consent,
    Questions,
    Complete,
    ResumeCode,
    ResumeEntry,

    /// <summary>The instrument was closed from the console: no new responses (410 Gone).</summary>
    Closed,
}

/// <summary>One screen of the respondent flow, ready to render; <see cref="State"/> is the protected hidden field.</summary>
internal sealed record SurveyScreen(ScreenKind Kind, SurveyEntry Entry, string State)
{
    public PageView? Page { get; init; }

    /// <summary>Whether the page shown is the last relevant one (its button sends the answers).</summary>
    public bool IsLastPage { get; init; }

    public bool CanGoBack { get; init; }

    public string? ResumeCode { get; init; }

    /// <summary>A message key for the top of the screen (an unreadable state, a wrong resume code).</summary>
    public string? NoticeKey { get; init; }

    /// <summary>Too many key derivations were running: answer 503 with <c>Retry-After</c> (nothing was changed).</summary>
    public bool Busy { get; init; }

    public bool HasErrors => Page?.Questions.Any(q => q.Error is not null) ?? false;
}
