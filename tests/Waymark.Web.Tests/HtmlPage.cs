using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Waymark.Web.Tests;

/// <summary>
/// A served page parsed as a browser parses it (AngleSharp, HTML5 parsing rules), so that a test asserts what the page
/// is — an element, its attributes, its text — and not how the server happened to spell it (attribute order, quoting,
/// entity encoding, whitespace).
/// </summary>
internal static class HtmlPage
{
    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>The one element <paramref name="selector"/> matches; the test fails, naming the selector, when none does.</summary>
    public static IElement One(this IParentNode page, string selector) =>
        page.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"no element matches '{selector}'");

    /// <summary>The text of the element <paramref name="selector"/> matches, with runs of white space made one space and trimmed.</summary>
    public static string Text(this IParentNode page, string selector) => Squeeze(page.One(selector).TextContent);

    /// <summary>Whether any element matches <paramref name="selector"/>.</summary>
    public static bool Has(this IParentNode page, string selector) => page.QuerySelector(selector) is not null;

    /// <summary>The cells of every body row of the tables <paramref name="selector"/> matches, as text.</summary>
    public static IReadOnlyList<string[]> Rows(this IParentNode page, string selector = "table") =>
        [.. page.QuerySelectorAll(selector).SelectMany(table => table.QuerySelectorAll("tr"))
            .Select(row => row.QuerySelectorAll("td").Select(cell => Squeeze(cell.TextContent)).ToArray())
            .Where(cells => cells.Length > 0)];

    private static string Squeeze(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
