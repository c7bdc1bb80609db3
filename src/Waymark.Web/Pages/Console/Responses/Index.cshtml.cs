using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Storage;
using Waymark.Web.Accounts;
using Waymark.Web.Analysis;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.Responses;

/// <summary>
/// Every instrument with its response counts by day, language and quality flag, from the clear
/// columns only: nothing is opened and nothing about a single respondent is shown. The Lock
/// button zeroes every key this session unlocked.
/// </summary>
public sealed class IndexModel(WaymarkDatabase database, SurveyCatalog catalog, ResponseAccess access, ConsoleAccounts accounts) : PageModel
{
    internal IReadOnlyList<InstrumentCounts> Instruments { get; private set; } = [];

    public string? Message { get; private set; }

    internal bool Unlocked(InstrumentCounts counts) => counts.Entry is { } entry && counts.Sealed && access.CanRead(entry, ConsoleAuthentication.SessionId(User));

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Instruments = InstrumentCounts.Build(catalog.All, await database.SurveyResponses.CountByMetadataAsync(cancellationToken));

    public async Task<IActionResult> OnPostLockAsync(CancellationToken cancellationToken)
    {
        if (access.Lock(ConsoleAuthentication.SessionId(User)))
        {
            await accounts.AuditAsync(User.Identity?.Name ?? "", "sealed responses locked", "by the Lock button", cancellationToken);
            Message = "Locked: the keys this session held are zeroed and forgotten. Sealed answers need the key again.";
        }
        else
        {
            Message = "Nothing was unlocked in this session.";
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }
}
