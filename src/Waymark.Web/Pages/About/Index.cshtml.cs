using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.SelfHelp.Content;
using Waymark.Web.Localization;

namespace Waymark.Web.Pages.About;

/// <summary>Who runs this service and how to contact it safely: the deploying organisation's own text (content/about).</summary>
internal sealed class IndexModel(ContentLibrary content) : PageModel
{
    internal Article Article { get; private set; } = null!;

    public void OnGet() => Article = content.AboutIn(HttpContext.CurrentLanguage().Code);
}
