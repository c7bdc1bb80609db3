using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Storage;
using Waymark.Web.Accounts;
using Waymark.Web.Analysis;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.Responses;

/// <summary>
/// Every instrument with its response counts by day, language and quality flag, from the clear
/// columns (a sealed instrument's flags are sealed with its answers: they are counted from the
/// opened records once this session unlocked them), and by form version, from the opened records
/// (the version is kept inside the answers only); nothing about a single respondent is shown. The Lock
/// button zeroes every key this session unlocked.
/// </summary>
public sealed class IndexModel(WaymarkDatabase database, SurveyCatalog catalog, ResponseAccess access, ConsoleAccounts accounts) : PageModel
{
    internal IReadOnlyList<InstrumentCounts> Instruments { get; private set; } = [];

    public string? Message { get; private set; }

    internal bool Unlocked(InstrumentCounts counts) => counts.Entry is { } entry && counts.Sealed && access.CanRead(entry, ConsoleAuthentication.SessionId(User));

    public async Task OnGetAsync(string? locked, CancellationToken cancellationToken)
    {
        Message = locked switch
        {
            "yes" => "Locked: the keys this session held are zeroed and forgotten. Sealed answers need the key again.",
            "none" => "Nothing was unlocked in this session.",
            _ => null,
        };
        var counts = InstrumentCounts.Build(catalog.All, await database.SurveyResponses.CountByMetadataAsync(cancellationToken));

        // A sealed instrument's flags are sealed with its answers: counted here only from the records this session can open.
        var shown = new List<InstrumentCounts>(counts.Count);
        foreach (var instrument in counts)
        {
            if (instrument.Entry is not { } entry || (instrument.Sealed && !Unlocked(instrument)))
            {
                shown.Add(instrument);
                continue;
            }

            // The form version is inside the answers: counted from the records this session can open (unsealed, or unlocked).
            var opened = await access.OpenAllAsync(entry, ConsoleAuthentication.SessionId(User), cancellationToken);
            shown.Add(opened.Locked ? instrument : (instrument.Sealed ? instrument.WithFlagsOf(opened.Records) : instrument).WithVersionsOf(opened.Records));
        }

        Instruments = shown;
    }

    /// <summary>Zeroes this session's keys, then back to the overview (redirect after POST: a reload never posts again).</summary>
    public async Task<IActionResult> OnPostLockAsync(CancellationToken cancellationToken)
    {
        var locked = access.Lock(ConsoleAuthentication.SessionId(User));
        if (locked)
        {
            await accounts.AuditAsync(User.Identity?.Name ?? "", "sealed responses locked", "by the Lock button", cancellationToken);
        }

        return Redirect("/console/responses?locked=" + (locked ? "yes" : "none"));
    }
}
