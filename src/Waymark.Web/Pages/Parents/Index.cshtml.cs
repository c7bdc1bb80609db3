using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.SelfHelp.Content;
using Waymark.Web.Localization;

namespace Waymark.Web.Pages.Parents;

/// <summary>Guidance for parents and carers: the five approaches, each on its own page.</summary>
internal sealed class IndexModel(ContentLibrary content) : PageModel
{
    internal IReadOnlyList<Article> Articles { get; private set; } = [];

    public void OnGet() => Articles = content.ParentsIn(HttpContext.CurrentLanguage().Code);
}
