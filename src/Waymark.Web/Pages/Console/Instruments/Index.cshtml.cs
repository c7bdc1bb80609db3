using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Storage;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.Instruments;

/// <summary>The editor's list of instruments: the surveys folder's and every console upload, with status and languages.</summary>
public sealed class IndexModel(WaymarkDatabase database, SurveyCatalog catalog) : PageModel
{
    internal IReadOnlyList<InstrumentRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var uploads = await database.Instruments.ListAsync(cancellationToken);
        var folder = catalog.All.Where(e => e.StoredId is null).OrderBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => new InstrumentRow(null, e.Id, e.Instrument.Settings.Title, e.Instrument.Settings.Version,
                "published (surveys folder)", e.Instrument.Languages.Select(l => l.Key).ToList(), e.PublicKey is not null, null));
        var stored = uploads.Select(u => new InstrumentRow(u.Id, u.FormId, u.Title, u.Version, StatusOf(u, catalog), u.Languages, u.HasPublicKey,
            $"{u.Day:yyyy-MM-dd} by {u.UploadedBy}"));
        Rows = folder.Concat(stored).ToList();
    }

    /// <summary>The status as the editor needs it: a published upload that a later publish replaced is not served.</summary>
    internal static string StatusOf(InstrumentInfo info, SurveyCatalog catalog) => info.Status switch
    {
        InstrumentStatus.Published when catalog.Find(info.FormId)?.StoredId != info.Id => "published, superseded (not served)",
        InstrumentStatus.Published => "published (served)",
        InstrumentStatus.Closed when catalog.Find(info.FormId)?.StoredId != info.Id => "closed, superseded",
        _ => InstrumentStore.StatusText(info.Status),
    };
}

/// <summary>One line of the instruments list; <see cref="Id"/> is null for a folder form.</summary>
internal sealed record InstrumentRow(long? Id, string FormId, string Title, string Version, string Status, IReadOnlyList<string> Languages, bool Sealed, string? Uploaded);
