using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Screening;
using Waymark.Screening.Messages;
using Waymark.Web.Localization;
using Waymark.Web.Privacy;
using Waymark.Web.Screening;

namespace Waymark.Web.Pages.Screening;

/// <summary>
/// The warning a search engine shows instead of results: the variant asked for (<c>?v=</c>, as
/// the API returned it) or the rotation's choice. Each showing is counted per language and variant.
/// </summary>
public abstract class WarningPageModel(Screener screener) : PageModel
{
    public WarningText Warning { get; private set; } = null!;

    public string Language { get; private set; } = Localization.Languages.DefaultCode;

    public void OnGet(string? v)
    {
        Language = HttpContext.CurrentLanguage().Code;
        var variant = screener.ChooseVariant(v);
        Warning = screener.WarningText(Language, variant);
        HttpContext.RequestServices.GetRequiredService<PageViewCounter>().Count(ScreeningEndpoints.ShownCounter, Language + "/" + variant);
    }
}

/// <summary>The full warning page.</summary>
public sealed class WarningModel(Screener screener) : WarningPageModel(screener);
