using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Web.Localization;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Surveys;

/// <summary>
/// A survey for an anonymous respondent: GET shows the consent page (or the resume-code form),
/// every POST carries the encrypted flow state and moves on. No cookie: the anti-forgery token is
/// off here because the state field itself is authenticated and nothing is at stake for a third
/// party in sending someone's anonymous answers.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class RespondModel(SurveyCatalog catalog, SurveyFlow flow) : PageModel
{
    internal SurveyScreen Screen { get; private set; } = null!;

    public IActionResult OnGet(string instrument, string? step)
    {
        var entry = catalog.Find(instrument);
        if (entry is null)
        {
            return NotFound();
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

        var form = await Request.ReadFormAsync(cancellationToken);
        Screen = await flow.HandleAsync(entry, HttpContext.CurrentLanguage().Code, form, cancellationToken);
        return Page();
    }
}
