using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Storage;
using Waymark.Surveys;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.Instruments;

/// <summary>
/// One uploaded instrument: status, warnings, languages, pages, and the Publish and Close buttons
/// (POST with anti-forgery; publishing without a public key needs the <c>confirm_unsealed</c> box).
/// </summary>
public sealed class DetailModel(WaymarkDatabase database, SurveyCatalog catalog, InstrumentUploads uploads) : PageModel
{
    public const string ConfirmUnsealedField = "confirm_unsealed";

    internal InstrumentInfo Info { get; private set; } = null!;

    internal string Status { get; private set; } = "";

    internal Instrument? Instrument { get; private set; }

    internal IReadOnlyList<Problem> Problems { get; private set; } = [];

    internal int PageCount { get; private set; }

    public string? Message { get; private set; }

    public bool Succeeded { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? uploaded, CancellationToken cancellationToken)
    {
        if (uploaded is "new" or "replaced")
        {
            (Message, Succeeded) = (uploaded == "new" ? "Uploaded as a draft. Preview it, then publish it." : "The draft was replaced by the new upload.", true);
        }

        return await ShowAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostPublishAsync(long id, CancellationToken cancellationToken)
    {
        var confirmed = Request.Form[ConfirmUnsealedField] == "yes";
        return await AfterAsync(id, await uploads.PublishAsync(id, confirmed, Actor, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostCloseAsync(long id, CancellationToken cancellationToken) =>
        await AfterAsync(id, await uploads.CloseAsync(id, Actor, cancellationToken), cancellationToken);

    private string Actor => User.Identity?.Name ?? "";

    private async Task<IActionResult> AfterAsync(long id, StatusChange change, CancellationToken cancellationToken)
    {
        (Message, Succeeded) = (change.Message, change.Succeeded);
        var page = await ShowAsync(id, cancellationToken);
        if (!change.Succeeded && page is PageResult)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return page;
    }

    private async Task<IActionResult> ShowAsync(long id, CancellationToken cancellationToken)
    {
        var stored = await database.Instruments.FindAsync(id, cancellationToken);
        if (stored is null)
        {
            return NotFound();
        }

        Info = stored.Info;
        Status = IndexModel.StatusOf(stored.Info, catalog);
        var build = InstrumentUploads.Parse(stored.Xlsx);
        Instrument = build.Instrument;
        Problems = build.Problems;
        PageCount = Instrument is null ? 0 : new Waymark.Surveys.Paging.SurveyEngine(Instrument).Pages.Count;
        return Page();
    }
}
