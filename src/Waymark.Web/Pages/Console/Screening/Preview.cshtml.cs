using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Screening;
using Waymark.Screening.Messages;
using Waymark.Web.Pages.Screening;

namespace Waymark.Web.Pages.Console.Screening;

/// <summary>One variant in one language through the public warning partial; nothing is counted.</summary>
public sealed class PreviewModel(Screener screener) : PageModel, IWarningView
{
    public WarningText Warning { get; private set; } = null!;

    public string Language { get; private set; } = Localization.Languages.DefaultCode;

    public bool IsPreview => true;

    public bool FallsBack => Warning.Language != Language;

    public IActionResult OnGet(string? v, string? lang)
    {
        if (!screener.IsVariant(v) || !Localization.Languages.TryGet(lang, out var language))
        {
            return NotFound();
        }

        Language = language.Code;
        Warning = screener.WarningText(Language, v!);
        return Page();
    }
}
