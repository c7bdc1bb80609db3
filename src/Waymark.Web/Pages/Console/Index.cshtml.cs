using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Storage;
using Waymark.Web.Analysis;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console;

/// <summary>
/// The console's landing page: for an analyst, every survey this node serves (and any other that has
/// responses) with its response count and the way to its dashboard; for every role, its sections. The
/// node's own status is on <c>/console/status</c>. Counts come from the clear columns: no answer is opened.
/// </summary>
public sealed class IndexModel(WaymarkDatabase database, SurveyCatalog catalog) : PageModel
{
    internal IReadOnlyList<InstrumentCounts> Surveys { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.IsInRole("analyst"))
        {
            Surveys = InstrumentCounts.Build(catalog.All, await database.SurveyResponses.CountByMetadataAsync(cancellationToken));
        }
    }
}
