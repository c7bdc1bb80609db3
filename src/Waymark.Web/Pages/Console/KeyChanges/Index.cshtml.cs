using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Web.Accounts;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.KeyChanges;

/// <summary>
/// Key changes waiting for approval (analysts and admins only: <c>ConsoleAuthentication.SharedFolderRoles</c>):
/// a version whose public key differs from the one pinned for its form id is published only from here.
/// A decision that succeeds redirects back here and is said once (<see cref="ConsoleNotice"/>).
/// </summary>
public sealed class IndexModel(InstrumentUploads uploads) : PageModel
{
    /// <summary>The stored instrument version decided on.</summary>
    [BindProperty]
    public long Id { get; set; }

    /// <summary>The fingerprint the approver was shown, so an approval never publishes a key replaced since.</summary>
    [BindProperty]
    public string? Key { get; set; }

    internal IReadOnlyList<PendingKeyChange> Pending { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Succeeded { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        (Message, Succeeded) = ConsoleNotice.Read(TempData) is { } notice ? (notice, true) : (null, false);
        Pending = await uploads.PendingKeyChangesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await uploads.ApproveKeyChangeAsync(Id, Key ?? "", Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostRefuseAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await uploads.RefuseKeyChangeAsync(Id, Actor, cancellationToken), cancellationToken);

    private string Actor => User.Identity?.Name ?? "";

    private async Task<IActionResult> AfterAsync(StatusChange change, CancellationToken cancellationToken)
    {
        if (change.Succeeded)
        {
            ConsoleNotice.Set(TempData, change.Message);
            return RedirectToPage();
        }

        (Message, Succeeded) = (change.Message, false);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Pending = await uploads.PendingKeyChangesAsync(cancellationToken);
        return Page();
    }
}
