using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Web.Accounts;
using Waymark.Web.Hosting;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.Instruments;

/// <summary>
/// Upload of an XLSForm (field <c>form</c>) and, optionally, the research team's public key (field
/// <c>key</c>, <c>research.pub</c>). The request is capped here (the rest of the site keeps 1 MiB);
/// files are judged by their content, never by their name or declared type. A form that does not
/// import shows its problems by sheet, row and column and is not stored.
/// </summary>
[UploadSizeLimit(InstrumentUploads.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = InstrumentUploads.MaxRequestBytes, ValueCountLimit = 16)]
public sealed class UploadModel(InstrumentUploads uploads) : PageModel
{
    public const string FormField = "form";
    public const string KeyField = "key";

    public string? Error { get; private set; }

    public IReadOnlyList<Problem> Problems { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var files = Request.Form.Files;
        var outcome = await uploads.UploadAsync(files.GetFile(FormField), files.GetFile(KeyField), User.Identity?.Name ?? "", cancellationToken);
        if (outcome.Saved.Value is { } saved)
        {
            ConsoleNotice.Set(TempData, saved.ReplacedDraft ? "The draft was replaced by the new upload." : "Uploaded as a draft. Preview it, then publish it.");
            return RedirectToPage("/Console/Instruments/Detail", new { id = saved.Id });
        }

        Error = outcome.Saved.Error;
        Problems = outcome.Problems;
        Response.StatusCode = outcome.Busy ? StatusCodes.Status503ServiceUnavailable
            : Problems.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest;
        if (outcome.Busy)
        {
            Response.Headers.RetryAfter = "5";
        }

        return Page();
    }
}
