using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Waymark.SelfHelp.Content;
using Waymark.SelfHelp.Tools;
using Waymark.SelfHelp.Vault;
using Waymark.Web.Forms;
using Waymark.Web.Localization;
using Waymark.Web.SelfHelp;

namespace Waymark.Web.Pages.Help;

/// <summary>
/// The programme's overview: every module, the one next step, and resuming from a recovery phrase.
/// Without a phrase nothing is stored and modules are plain links; with one, progress is shown and
/// modules open through forms that carry the vault token (never in a URL).
/// </summary>
[IgnoreAntiforgeryToken] // no cookie on the public site: FormGuard protects these forms
internal sealed class IndexModel(ContentLibrary content, ProgressVault vault, VaultTokens tokens, PhraseKeys phraseKeys, IStringLocalizer<SharedResource> text) : PageModel, IGuardedPage
{
    string IGuardedPage.GuardedFormName => "help";

    // Nothing here is a quality flag: a filled honeypot is refused like a forged form.
    bool IGuardedPage.KeepsHoneypotSubmissions => false;

    Task<IActionResult> IGuardedPage.RefuseAsync(int status)
    {
        OnGet();
        Problem = text["Help.Error.Refused"];
        Response.StatusCode = status;
        return Task.FromResult<IActionResult>(Page());
    }

    internal Programme Programme { get; private set; } = null!;

    internal Progress? Progress { get; private set; }

    internal string? Token { get; private set; }

    internal string? Problem { get; private set; }

    /// <summary>The one next step: the first module, or with an open vault the first unfinished one (in the order a saved self-assessment suggests).</summary>
    internal Module? Next => Progress is null ? Programme.Modules[0] : Programme.NextFor(Progress.Completed, SelfAssessment.SuggestedOrder(Programme, Progress));

    public void OnGet() => Programme = content.ProgrammeIn(HttpContext.CurrentLanguage().Code);

    public async Task<IActionResult> OnPostResumeAsync([FromForm(Name = PhraseInput.FieldName)] string? phrase)
    {
        OnGet();
        var (keys, problem, busy) = await PhraseInput.ReadAsync(phrase, HttpContext.CurrentLanguage().Code, text, phraseKeys, HttpContext.RequestAborted);
        if (busy)
        {
            Problem = PhraseInput.Busy(Response, text);
            return Page();
        }

        return keys is null ? Fail(problem!) : await OpenAsync(keys);
    }

    public async Task<IActionResult> OnPostOverviewAsync([FromForm(Name = VaultTokens.FieldName)] string? vaultToken)
    {
        OnGet();
        var keys = tokens.Read(vaultToken);
        return keys is null ? Fail(text["Help.Error.Expired"]) : await OpenAsync(keys);
    }

    private async Task<IActionResult> OpenAsync(VaultKeys keys)
    {
        var load = await vault.LoadAsync(keys, HttpContext.RequestAborted);
        if (!load.IsSuccess)
        {
            return Fail(PhraseInput.MessageFor(load.Problem, text));
        }

        Progress = load.Progress;
        Token = tokens.Issue(keys);
        return Page();
    }

    private PageResult Fail(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
