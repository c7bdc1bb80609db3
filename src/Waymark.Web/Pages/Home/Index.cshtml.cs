using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Waymark.Web.Pages.Home;

/// <summary>The public home page in the URL's language.</summary>
public sealed class IndexModel : PageModel
{
}
