using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Waymark.Web.Pages.Console.Editor;

/// <summary>The editor's start page; protected by the editor policy through its folder (ConsoleAuthentication.FolderRoles).</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
