using Waymark.SelfHelp.Content;
using Waymark.Testing;

namespace Waymark.SelfHelp.Tests;

public sealed class MarkdownRendererTests
{
    [Fact]
    public void Raw_html_and_script_are_escaped_not_passed_through()
    {
        var html = HtmlPage.Parse(MarkdownRenderer.ToHtml("Hello <script>alert(1)</script> <b onclick=\"x()\">bold</b>\n\n<div>block</div>", "en"));

        // What a browser makes of it: no script, no bold with a handler, no block; the markup shows as text.
        Assert.False(html.Has("script, b, div, [onclick]"));
        Assert.Contains("<script>alert(1)</script>", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("<div>block</div>", html.Body.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[help](~/directory)", "/ar/directory", "help")]
    [InlineData("[help](/ar/help)", "/ar/help", "help")]
    [InlineData("[below](#plan)", "#plan", "below")]
    public void Links_on_this_site_stay_links(string markdown, string href, string text)
    {
        var link = HtmlPage.Parse(MarkdownRenderer.ToHtml(markdown, "ar")).One("a");

        Assert.Equal((href, text), (link.GetAttribute("href"), link.TextContent));
    }

    [Theory]
    [InlineData("[elsewhere](https://example.org/x)")]
    [InlineData("[elsewhere](//example.org/x)")]
    [InlineData("[elsewhere](javascript:alert(1))")]
    [InlineData("[elsewhere](/\\example.org)")]
    [InlineData("[elsewhere](http://quenmix.onion/)")]
    [InlineData("[elsewhere](data:text/html,zorblat)")]
    public void Other_links_become_plain_text(string markdown)
    {
        var html = HtmlPage.Parse(MarkdownRenderer.ToHtml(markdown, "en"));

        Assert.False(html.Has("a, [href]"));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(html.Body!.TextContent, "elsewhere")); // shown once, as text
    }

    [Fact]
    public void Images_and_autolinks_become_text()
    {
        var html = HtmlPage.Parse(MarkdownRenderer.ToHtml("![a quenmix picture](https://example.org/p.png) and <https://example.org/zorblat>", "en"));

        Assert.False(html.Has("img, a, [src], [href]"));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(html.Body!.TextContent, "a quenmix picture"));
        Assert.Contains("https://example.org/zorblat", html.Body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_markdown_never_yields_script_or_an_external_link()
    {
        // Seeded fuzz over the characters Markdown and HTML care about; bounded to a fixed number of cases.
        var random = new Random(730);
        const string alphabet = "<>[]()!*_`#-:/\\\"'=&;~ \nabcjavscriptonlhttpsw.";
        for (var i = 0; i < 3000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(1, 120)).Select(_ => alphabet[random.Next(alphabet.Length)])]);

            var html = HtmlPage.Parse(MarkdownRenderer.ToHtml(text, "en"));

            // As a browser parses it: no script, every link a path on this site or a fragment, no event handler.
            Assert.False(html.Has("script"), text);
            Assert.All(html.QuerySelectorAll("[href]").Select(e => e.GetAttribute("href")!), href => Assert.Matches("^(/[^/\\\\]|#)", href));
            Assert.All(html.All, element => Assert.DoesNotContain(element.Attributes, attribute => attribute.Name.StartsWith("on", StringComparison.Ordinal)));
        }
    }
}
