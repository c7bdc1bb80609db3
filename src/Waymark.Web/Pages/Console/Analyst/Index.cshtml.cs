using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Waymark.Web.Pages.Console.Analyst;

/// <summary>The analyst's start page; protected by the analyst policy through its folder (ConsoleAuthentication.FolderRoles).</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
