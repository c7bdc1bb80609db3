using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Storage;
using Waymark.Web.Privacy;

namespace Waymark.Web.Pages.Console;

/// <summary>The node's status: its storage, the migrations applied and the aggregate page-view counts.</summary>
public sealed class StatusModel(WaymarkDatabase database, TimeProvider time) : PageModel
{
    public string Storage { get; private set; } = "";

    public IReadOnlyList<int> Migrations { get; private set; } = [];

    public IReadOnlyList<CounterValue> PageViews { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Storage = database.Description;
        Migrations = await database.AppliedMigrationsAsync(cancellationToken);
        var since = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-13);
        PageViews = (await database.Counters.ReadByPrefixAsync(PageViewCounter.CounterPrefix, cancellationToken))
            .Where(c => c.Day >= since)
            .OrderByDescending(c => c.Day).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Dimension, StringComparer.Ordinal)
            .ToList();
    }
}
