using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Web.Forms;
using Waymark.Web.Localization;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Surveys;

/// <summary>
/// A survey for an anonymous respondent: GET shows the consent page (or the resume-code form),
/// every POST carries the encrypted flow state and moves on. No cookie: the anti-forgery token is
/// off here because the state field itself is authenticated and nothing is at stake for a third
/// party in sending someone's anonymous answers. Every form is guarded (<c>wm-guard</c>): a filled
/// honeypot is passed on as the flow's quality flag, never refused (answers are not dropped silently).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class RespondModel(SurveyCatalog catalog, SurveyFlow flow) : PageModel, IGuardedPage
{
    string IGuardedPage.GuardedFormName => "survey";

    bool IGuardedPage.KeepsHoneypotSubmissions => true;

    /// <summary>A refused submission (replayed, forged, expired, too often): the consent page again, nothing stored.</summary>
    Task<IActionResult> IGuardedPage.RefuseAsync(int status)
    {
        if (catalog.Find(RouteData.Values["instrument"]?.ToString() ?? "") is not { } entry)
        {
            return Task.FromResult<IActionResult>(NotFound());
        }

        Screen = flow.Consent(entry, "Survey.Expired");
        Response.StatusCode = status;
        return Task.FromResult<IActionResult>(Page());
    }

    internal SurveyScreen Screen { get; private set; } = null!;

    public IActionResult OnGet(string instrument, string? step)
    {
        var entry = catalog.Find(instrument);
        if (entry is null)
        {
            return NotFound();
        }

        if (entry.Closed)
        {
            return ClosedPage(entry);
        }

        Screen = step == "resume" ? SurveyFlow.ResumeEntry(entry) : flow.Consent(entry);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string instrument, CancellationToken cancellationToken)
    {
        var entry = catalog.Find(instrument);
        if (entry is null)
        {
            return NotFound();
        }

        if (entry.Closed)
        {
            return ClosedPage(entry);
        }

        var form = await Request.ReadFormAsync(cancellationToken);
        Screen = await flow.HandleAsync(entry, HttpContext.CurrentLanguage().Code, form, cancellationToken);
        if (Screen.Busy)
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = Waymark.Web.SelfHelp.DerivationGate.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Page();
    }

    /// <summary>A closed survey: 410 Gone, a page saying so, and nothing read or stored.</summary>
    private PageResult ClosedPage(SurveyEntry entry)
    {
        Screen = new SurveyScreen(ScreenKind.Closed, entry, string.Empty);
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }
}
