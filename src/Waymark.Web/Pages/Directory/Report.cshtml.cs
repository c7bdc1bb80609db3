using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.SelfHelp.Content;
using Waymark.Web.Localization;

namespace Waymark.Web.Pages.Directory;

/// <summary>
/// How to report (the address, never the material; anonymously; to the country's hotline), then the directory
/// with its reporting routes first and the help services after them.
/// </summary>
internal sealed class ReportModel(ContentLibrary content, TimeProvider clock) : PageModel
{
    internal Article Article { get; private set; } = null!;

    internal DirectoryListing View { get; private set; } = null!;

    public void OnGet()
    {
        var page = HttpContext.CurrentLanguage().Code;
        Article = content.ReportingIn(page);
        View = new DirectoryListing(content.HelpDirectory.Arrange(null, null, page, reportingFirst: true), clock, page);
    }
}
