using AngleSharp.Dom;

namespace Waymark.Web.Tests.Console;

/// <summary>Links of a console page found by what a screen reader announces (their aria-label), on the parsed page, not its text.</summary>
internal static class PageLinks
{
    /// <summary>The visible text of the link labelled <paramref name="ariaLabel"/>, or null when the page has none.</summary>
    public static string? TextOf(IDocument page, string ariaLabel) =>
        page.QuerySelectorAll("a[aria-label]").FirstOrDefault(a => a.GetAttribute("aria-label") == ariaLabel)?.TextContent;
}
