using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Storage;

namespace Waymark.Web.Pages.Console.Audit;

/// <summary>The staff audit log, for admins.</summary>
public sealed class IndexModel(WaymarkDatabase database) : PageModel
{
    public int Limit => 500;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Entries = await database.AuditLog.ReadLatestAsync(Limit, cancellationToken);
}
