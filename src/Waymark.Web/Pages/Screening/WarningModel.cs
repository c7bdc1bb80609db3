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
public abstract class WarningPageModel(Screener screener) : PageModel, IWarningView
{
    public bool IsPreview => false;

    public WarningText Warning { get; private set; } = null!;

    public string Language { get; private set; } = Localization.Languages.DefaultCode;

    public void OnGet(string? v)
    {
        Language = HttpContext.CurrentLanguage().Code;
        var variant = screener.ChooseVariant(v, Language);
        Warning = screener.WarningText(Language, variant);
        if (HttpMethods.IsGet(Request.Method))
        {
            // A HEAD request (a link checker, a monitor) shows the warning to no one.
            HttpContext.RequestServices.GetRequiredService<PageViewCounter>().Count(ScreeningEndpoints.ShownCounter, Language + "/" + variant);
        }
    }
}

/// <summary>The full warning page.</summary>
public sealed class WarningModel(Screener screener) : WarningPageModel(screener);

/// <summary>What the <c>_Warning</c> partial shows: the public pages and the console's preview (where links are not followed).</summary>
public interface IWarningView
{
    WarningText Warning { get; }

    /// <summary>The searcher's language (for the click-through links).</summary>
    string Language { get; }

    /// <summary>True in the console: the help links are shown as text, so nothing is counted and no public route is needed.</summary>
    bool IsPreview { get; }
}
