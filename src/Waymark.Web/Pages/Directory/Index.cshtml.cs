using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.SelfHelp.Content;
using Waymark.SelfHelp.Listing;
using Waymark.Web.Localization;

namespace Waymark.Web.Pages.Directory;

/// <summary>
/// Where to get help and where to report, grouped by audience with help before reporting; entries serving the
/// page language first, then international ones. The filter is a plain GET form (no script); unknown filter
/// values are ignored rather than echoed.
/// </summary>
internal sealed class IndexModel(ContentLibrary content, TimeProvider clock) : PageModel
{
    internal HelpDirectory Listing => content.HelpDirectory;

    internal string? Country { get; private set; }

    internal string? Language { get; private set; }

    internal DirectoryListing View { get; private set; } = null!;

    public void OnGet(string? country, string? language)
    {
        Country = Listing.Countries.Contains(country ?? "", StringComparer.Ordinal) ? country : null;
        Language = Listing.LanguagesServed.Contains(language ?? "", StringComparer.Ordinal) ? language : null;
        var page = HttpContext.CurrentLanguage().Code;
        View = new DirectoryListing(Listing.Arrange(Country, Language, page, reportingFirst: false), clock, page);
    }
}
