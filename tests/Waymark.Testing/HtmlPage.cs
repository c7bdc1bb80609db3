using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Waymark.Testing;

/// <summary>
/// A served page parsed as a browser parses it (AngleSharp, HTML5 parsing rules), so that a test asserts what the page
/// is — an element, its attributes, its text — and not how the server happened to spell it (attribute order, quoting,
/// entity encoding, whitespace). A served page, a rendered report or a fragment: AngleSharp puts a fragment in a
/// body of its own, so selectors work the same.
/// </summary>
public static class HtmlPage
{
    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>The one element <paramref name="selector"/> matches; the test fails, naming the selector, when none does.</summary>
    public static IElement One(this IParentNode page, string selector) =>
        page.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"no element matches '{selector}'");

    /// <summary>
    /// The first element <paramref name="selector"/> matches whose text reads <paramref name="text"/> (white space squeezed):
    /// "a heading that says X", "a link labelled Y". The test fails, naming both, when none does.
    /// </summary>
    public static IElement One(this IParentNode page, string selector, string text) =>
        page.QuerySelectorAll(selector).FirstOrDefault(element => Squeeze(element.TextContent) == text)
        ?? throw new Xunit.Sdk.XunitException($"no element matches '{selector}' with the text '{text}'");

    /// <summary>The text of the element <paramref name="selector"/> matches, with runs of white space made one space and trimmed.</summary>
    public static string Text(this IParentNode page, string selector) => Squeeze(page.One(selector).TextContent);

    /// <summary>Whether any element matches <paramref name="selector"/>.</summary>
    public static bool Has(this IParentNode page, string selector) => page.QuerySelector(selector) is not null;

    /// <summary>The cells of every body row of the tables <paramref name="selector"/> matches, as text.</summary>
    public static IReadOnlyList<string[]> Rows(this IParentNode page, string selector = "table") =>
        [.. page.QuerySelectorAll(selector).SelectMany(table => table.QuerySelectorAll("tr"))
            .Select(row => row.QuerySelectorAll("td").Select(cell => Squeeze(cell.TextContent)).ToArray())
            .Where(cells => cells.Length > 0)];

    /// <summary>The text of every element <paramref name="selector"/> matches, in document order.</summary>
    public static IReadOnlyList<string> Texts(this IParentNode page, string selector) =>
        [.. page.QuerySelectorAll(selector).Select(element => Squeeze(element.TextContent))];

    /// <summary>The one table whose caption reads <paramref name="caption"/>; the test fails, naming it, when none does.</summary>
    public static IElement Table(this IParentNode page, string caption) =>
        page.QuerySelectorAll("table").FirstOrDefault(table => table.QuerySelector("caption") is { } c && Squeeze(c.TextContent) == caption)
        ?? throw new Xunit.Sdk.XunitException($"no table has the caption '{caption}'");

    /// <summary>
    /// The data cells (<c>td</c>) of the row whose row header (<c>th</c>) reads <paramref name="header"/>, as text: what a
    /// screen reader announces under that header. The test fails, naming the header, when no row has it.
    /// </summary>
    public static string[] Row(this IParentNode page, string header) =>
        page.QuerySelectorAll("tr").FirstOrDefault(row => row.QuerySelector("th") is { } th && Squeeze(th.TextContent) == header) is { } found
            ? [.. found.QuerySelectorAll("td").Select(cell => Squeeze(cell.TextContent))]
            : throw new Xunit.Sdk.XunitException($"no table row has the header '{header}'");

    /// <summary>Whether <paramref name="element"/> comes before <paramref name="other"/> in the page (what a reader meets first).</summary>
    public static bool Precedes(this IElement element, IElement other) =>
        element.CompareDocumentPosition(other).HasFlag(DocumentPositions.Following);

    private static string Squeeze(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
