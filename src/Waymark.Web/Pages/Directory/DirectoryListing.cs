using System.Globalization;
using Waymark.SelfHelp.Listing;

namespace Waymark.Web.Pages.Directory;

/// <summary>What the directory partial shows: the audience groups in order, the clock for their check state, the page language for notes.</summary>
internal sealed record DirectoryListing(IReadOnlyList<DirectoryGroup> Groups, TimeProvider Clock, string PageLanguage)
{
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
