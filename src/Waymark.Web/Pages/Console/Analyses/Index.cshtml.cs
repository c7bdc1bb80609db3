using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.Analyses;

/// <summary>The instruments to analyse.</summary>
public sealed class IndexModel(SurveyCatalog catalog) : PageModel
{
    internal IReadOnlyList<SurveyEntry> Instruments { get; private set; } = [];

    public void OnGet() => Instruments = catalog.All.OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
}
