using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.SelfHelp.Content;
using Waymark.Web.Localization;

namespace Waymark.Web.Pages.Directory;

/// <summary>How to report: the address, never the material; anonymously; to the country's hotline.</summary>
internal sealed class ReportModel(ContentLibrary content) : PageModel
{
    internal Article Article { get; private set; } = null!;

    public void OnGet() => Article = content.ReportingIn(HttpContext.CurrentLanguage().Code);
}
