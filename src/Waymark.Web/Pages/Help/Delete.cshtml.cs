using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Waymark.SelfHelp.Vault;
using Waymark.Web.Forms;
using Waymark.Web.Localization;
using Waymark.Web.SelfHelp;

namespace Waymark.Web.Pages.Help;

/// <summary>"Delete my data": removes the vault stored under a phrase, at once and for good.</summary>
[IgnoreAntiforgeryToken] // no cookie on the public site: FormGuard protects these forms
internal sealed class DeleteModel(ProgressVault vault, PhraseKeys phraseKeys, IStringLocalizer<SharedResource> text) : PageModel, IGuardedPage
{
    string IGuardedPage.GuardedFormName => "help";

    // Nothing here is a quality flag: a filled honeypot is refused like a forged form.
    bool IGuardedPage.KeepsHoneypotSubmissions => false;

    Task<IActionResult> IGuardedPage.RefuseAsync(int status)
    {
        Problem = text["Help.Error.Refused"];
        Response.StatusCode = status;
        return Task.FromResult<IActionResult>(Page());
    }

    internal string? Problem { get; private set; }

    internal string? Outcome { get; private set; }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = PhraseInput.FieldName)] string? phrase, [FromForm(Name = "confirm")] string? confirm)
    {
        if (confirm != "yes")
        {
            return Fail(text["Help.Error.ConfirmDelete"]);
        }

        var (keys, problem, busy) = await PhraseInput.ReadAsync(phrase, HttpContext.CurrentLanguage().Code, text, phraseKeys, HttpContext.RequestAborted);
        if (busy)
        {
            Problem = PhraseInput.Busy(Response, text);
            return Page();
        }

        if (keys is null)
        {
            return Fail(problem!);
        }

        Outcome = await vault.DeleteAsync(keys, HttpContext.RequestAborted) ? text["Help.Deleted"] : text["Help.NothingToDelete"];
        return Page();
    }

    private PageResult Fail(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
