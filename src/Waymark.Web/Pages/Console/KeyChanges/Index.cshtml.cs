using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.KeyChanges;

/// <summary>
/// Key changes waiting for approval (analysts and admins only: <c>ConsoleAuthentication.SharedFolderRoles</c>):
/// a version whose public key differs from the one pinned for its form id is published only from here.
/// </summary>
public sealed class IndexModel(InstrumentUploads uploads) : PageModel
{
    internal IReadOnlyList<PendingKeyChange> Pending { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Succeeded { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Pending = await uploads.PendingKeyChangesAsync(cancellationToken);

    public async Task<IActionResult> OnPostApproveAsync(long id, string? key, CancellationToken cancellationToken) =>
        await AfterAsync(await uploads.ApproveKeyChangeAsync(id, key ?? "", Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostRefuseAsync(long id, CancellationToken cancellationToken) =>
        await AfterAsync(await uploads.RefuseKeyChangeAsync(id, Actor, cancellationToken), cancellationToken);

    private string Actor => User.Identity?.Name ?? "";

    private async Task<IActionResult> AfterAsync(StatusChange change, CancellationToken cancellationToken)
    {
        (Message, Succeeded) = (change.Message, change.Succeeded);
        if (!change.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Pending = await uploads.PendingKeyChangesAsync(cancellationToken);
        return Page();
    }
}
