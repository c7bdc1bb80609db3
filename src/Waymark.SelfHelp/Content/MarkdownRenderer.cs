using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Waymark.SelfHelp.Content;

/// <summary>
/// Markdown to HTML for content written by editors, made safe for pages that run no script:
/// raw HTML is escaped (never passed through), images are dropped for their text, and links survive
/// only when they stay on this site. <c>~/path</c> means "this site in the reader's language"
/// (<c>/{lang}/path</c>); any other link (another site, <c>javascript:</c>, <c>//host</c>) becomes
/// plain text, because every page must work over Tor without leading the reader elsewhere by surprise.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public static string ToHtml(string markdown, string languageCode)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var inline in document.Descendants<Inline>().ToList())
        {
            switch (inline)
            {
                // copyChildren: false, or Markdig moves the link's own text in beside the literal and the reader sees it twice.
                case LinkInline link when link.IsImage:
                    link.ReplaceBy(new LiteralInline(TextOf(link)), copyChildren: false);
                    break;
                case LinkInline link:
                    if (LocalTarget(link.Url, languageCode) is { } target)
                    {
                        link.Url = target;
                        link.Title = null;
                    }
                    else
                    {
                        link.ReplaceBy(new LiteralInline(TextOf(link)), copyChildren: false);
                    }

                    break;
                case AutolinkInline autolink:
                    autolink.ReplaceBy(new LiteralInline(autolink.Url));
                    break;
            }
        }

        return document.ToHtml(Pipeline);
    }

    /// <summary>The rewritten URL when <paramref name="url"/> stays on this site, else null.</summary>
    public static string? LocalTarget(string? url, string languageCode)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Contains('\\', StringComparison.Ordinal) || url.Any(char.IsControl))
        {
            return null;
        }

        if (url.StartsWith("~/", StringComparison.Ordinal))
        {
            url = "/" + languageCode + url[1..];
        }

        var sameSitePath = url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal);
        var fragment = url.StartsWith('#');
        return (sameSitePath || fragment) && !url.Contains(':', StringComparison.Ordinal) ? url : null;
    }

    private static string TextOf(ContainerInline container) =>
        string.Concat(container.Descendants<LiteralInline>().Select(literal => literal.Content.ToString()));
}
