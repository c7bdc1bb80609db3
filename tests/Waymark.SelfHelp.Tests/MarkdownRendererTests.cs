using Waymark.SelfHelp.Content;

namespace Waymark.SelfHelp.Tests;

public sealed class MarkdownRendererTests
{
    [Fact]
    public void Raw_html_and_script_are_escaped_not_passed_through()
    {
        var html = MarkdownRenderer.ToHtml("Hello <script>alert(1)</script> <b onclick=\"x()\">bold</b>\n\n<div>block</div>", "en");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<div>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[help](~/directory)", "<a href=\"/ar/directory\">help</a>")]
    [InlineData("[help](/ar/help)", "<a href=\"/ar/help\">help</a>")]
    [InlineData("[below](#plan)", "<a href=\"#plan\">below</a>")]
    public void Links_on_this_site_stay_links(string markdown, string expected)
    {
        Assert.Contains(expected, MarkdownRenderer.ToHtml(markdown, "ar"), StringComparison.Ordinal);
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
        var html = MarkdownRenderer.ToHtml(markdown, "en");

        Assert.DoesNotContain("<a", html, StringComparison.Ordinal);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(html, "elsewhere"));
    }

    [Fact]
    public void Images_and_autolinks_become_text()
    {
        var html = MarkdownRenderer.ToHtml("![a quenmix picture](https://example.org/p.png) and <https://example.org/zorblat>", "en");

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a", html, StringComparison.Ordinal);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(html, "a quenmix picture"));
        Assert.Contains("https://example.org/zorblat", html, StringComparison.Ordinal);
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

            var html = MarkdownRenderer.ToHtml(text, "en");

            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("href=\"(?!/[^/\\\\]|#)", html);
            Assert.DoesNotMatch("<[a-z]+ [^>]*on[a-z]+=", html);
        }
    }
}
