using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Waymark.Web.Pages.Languages;

/// <summary>Links every UI language; the choice lives in the URL only.</summary>
public sealed class IndexModel : PageModel
{
}
