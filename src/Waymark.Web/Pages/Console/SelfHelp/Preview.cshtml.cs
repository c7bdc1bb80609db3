using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.SelfHelp.Content;
using Waymark.Web.Localization;

namespace Waymark.Web.Pages.Console.SelfHelp;

/// <summary>One piece of self-help content in one language, rendered with the public pages' partials.</summary>
internal sealed class PreviewModel(ContentLibrary content) : PageModel
{
    internal Language Language { get; private set; } = Localization.Languages.Default;

    internal Article? Article { get; private set; }

    internal Module? Module { get; private set; }

    public IActionResult OnGet(string? kind, string? id, string? lang)
    {
        if (!Localization.Languages.TryGet(lang, out var language))
        {
            return NotFound();
        }

        Language = language;
        // The public partials read the reader's language from the request (the fallback notice is in it).
        HttpContext.Features.Set(language);
        switch (kind)
        {
            case "intro":
                Article = content.ProgrammeIn(language.Code).Introduction;
                break;
            case "module":
                Module = content.ProgrammeIn(language.Code).Find(id ?? "");
                break;
            case "tool":
                Module = content.ProgrammeIn(language.Code).Tool(id ?? "");
                break;
            case "parents":
                Article = content.ParentsIn(language.Code).FirstOrDefault(a => a.Id == id);
                break;
            case "reporting":
                Article = content.ReportingIn(language.Code);
                break;
        }

        return Article is null && Module is null ? NotFound() : Page();
    }
}
