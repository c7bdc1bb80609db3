using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Storage;
using Waymark.Web.Screening;

namespace Waymark.Web.Pages.Console.Screening;

/// <summary>Warnings shown and help links followed, by variant, language, link and day, from the daily counters.</summary>
internal sealed class CountersModel(WaymarkDatabase database) : PageModel
{
    internal ScreeningFigures Figures { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Figures = await ScreeningFigures.ReadAsync(database, cancellationToken);
}
