using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Waymark.Web.Pages.Leave;

/// <summary>
/// Where "leave this site" goes: a neutral page with nothing that names the service, no language in
/// the address and no link back. It is on this site because our pages may not link elsewhere
/// (docs/adr/0030-selfhelp-links-and-exit.md).
/// </summary>
public sealed class IndexModel : PageModel
{
}
