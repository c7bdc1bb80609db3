using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Privacy;

/// <summary>States exactly what is stored and what is not, and whether each open survey seals its answers.</summary>
public sealed class IndexModel(SurveyCatalog catalog) : PageModel
{
    /// <summary>Each open survey by title, and whether its answers are sealed on arrival.</summary>
    internal IReadOnlyList<(string Title, bool Sealed)> Surveys { get; private set; } = [];

    public void OnGet(string lang) =>
        Surveys = catalog.All.Where(e => !e.Closed)
            .Select(e => (e.Instrument.Settings.TitleIn(lang) is { Length: > 0 } title ? title : e.Id, e.PublicKey is not null))
            .OrderBy(s => s.Item1, StringComparer.Ordinal)
            .ToList();
}
