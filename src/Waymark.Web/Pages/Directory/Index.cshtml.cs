using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.SelfHelp.Content;
using Waymark.SelfHelp.Listing;

namespace Waymark.Web.Pages.Directory;

/// <summary>
/// Where to get help and where to report, by country and language. The filter is a plain GET form
/// (no script); unknown filter values are ignored rather than echoed.
/// </summary>
internal sealed class IndexModel(ContentLibrary content, TimeProvider clock) : PageModel
{
    internal HelpDirectory Listing => content.HelpDirectory;

    internal string? Country { get; private set; }

    internal string? Language { get; private set; }

    internal IReadOnlyList<IGrouping<string, DirectoryEntry>> Groups { get; private set; } = [];

    public void OnGet(string? country, string? language)
    {
        Country = Listing.Countries.Contains(country ?? "", StringComparer.Ordinal) ? country : null;
        Language = Listing.LanguagesServed.Contains(language ?? "", StringComparer.Ordinal) ? language : null;
        Groups = Listing.Select(Country, Language);
    }

    internal VerificationStatus StatusOf(DirectoryEntry entry) => HelpDirectory.StatusOf(entry, clock);

    /// <summary>A country's name in the reader's language where the platform knows it.</summary>
    internal static string CountryName(string code, string globalName)
    {
        if (code == HelpDirectory.Global)
        {
            return globalName;
        }

        try
        {
            return new RegionInfo(code).DisplayName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    /// <summary>A language's own name (so that a reader recognises their language whatever page language they use).</summary>
    internal static string LanguageName(string code)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(code);
            return culture.NativeName.Length > 0 ? culture.NativeName : code;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }
}
