using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.SelfHelp.Content;
using Waymark.Web.Localization;

namespace Waymark.Web.Pages.Parents;

/// <summary>One approach of the parents' guidance.</summary>
internal sealed class TopicModel(ContentLibrary content) : PageModel
{
    internal Article Article { get; private set; } = null!;

    public IActionResult OnGet(string topic)
    {
        var article = content.ParentsIn(HttpContext.CurrentLanguage().Code).FirstOrDefault(article => article.Id == topic);
        if (article is null)
        {
            return NotFound();
        }

        Article = article;
        return Page();
    }
}
