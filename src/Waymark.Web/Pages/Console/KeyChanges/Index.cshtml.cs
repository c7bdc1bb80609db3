using Microsoft.AspNetCore.Mvc;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.KeyChanges;

/// <summary>
/// Key changes waiting for approval (analysts and admins only: <c>ConsoleAuthentication.SharedFolderRoles</c>):
/// a version whose public key differs from the one pinned for its form id is published only from here.
/// A decision that succeeds redirects back here and is said once (<see cref="Waymark.Web.Accounts.ConsoleNotice"/>).
/// </summary>
public sealed class IndexModel(InstrumentUploads uploads) : ConsolePageModel
{
    /// <summary>The stored instrument version decided on.</summary>
    [BindProperty]
    public long Id { get; set; }

    /// <summary>The fingerprint the approver was shown, so an approval never publishes a key replaced since.</summary>
    [BindProperty]
    public string? Key { get; set; }

    internal IReadOnlyList<PendingKeyChange> Pending { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ShowNotice();
        Pending = await uploads.PendingKeyChangesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await uploads.ApproveKeyChangeAsync(Id, Key ?? "", Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostRefuseAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await uploads.RefuseKeyChangeAsync(Id, Actor, cancellationToken), cancellationToken);

    private Task<IActionResult> AfterAsync(Result<string> change, CancellationToken cancellationToken) =>
        AfterChangeAsync(change, async () =>
        {
            Pending = await uploads.PendingKeyChangesAsync(cancellationToken);
            return Page();
        });
}
