using System.Globalization;
using Waymark.SelfHelp.Listing;

namespace Waymark.Web.Pages.Directory;

/// <summary>What the directory partial shows: the audience groups in order, the clock for their check state, the page language for notes.</summary>
internal sealed record DirectoryListing(IReadOnlyList<DirectoryGroup> Groups, TimeProvider Clock, string PageLanguage)
{
    /// <summary>A country's name in the reader's language (<see cref="CountryNames"/>); the code itself for a region the table lacks.</summary>
    internal static string CountryName(string code, string globalName, string language) =>
        code == HelpDirectory.Global ? globalName : CountryNames.Of(code, language) ?? code;

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
