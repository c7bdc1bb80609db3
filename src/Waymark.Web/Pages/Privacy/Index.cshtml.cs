using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Waymark.Web.Pages.Privacy;

/// <summary>States exactly what is stored and what is not.</summary>
public sealed class IndexModel : PageModel
{
}
