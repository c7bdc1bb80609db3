using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.SelfHelp.Content;
using Waymark.Web.Localization;

namespace Waymark.Web.Pages.Professionals;

/// <summary>For clinicians, moderators and police: what the research behind the service found, with its sources (content/professionals).</summary>
internal sealed class IndexModel(ContentLibrary content) : PageModel
{
    internal ResearchSummary Summary { get; private set; } = null!;

    public void OnGet() => Summary = content.ProfessionalsIn(HttpContext.CurrentLanguage().Code);
}
