using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Waymark.SelfHelp.Content;
using Waymark.Testing;

namespace Waymark.SelfHelp.Tests;

/// <summary>
/// Every link written in the shipped content stays a link when a page shows it. The renderer turns any link that leaves
/// the site into plain text (on purpose: pages must not lead a reader elsewhere by surprise), so a link written the
/// wrong way (<c>../privacy</c> instead of <c>~/privacy</c>) would not fail anywhere: the reader would just find no link.
/// </summary>
public sealed class ContentLinksTests
{
    private static readonly string ShippedRoot = Path.Combine(TestEnvironment.RepositoryRoot, "content");
    private static readonly MarkdownPipeline Located = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();

    [Fact]
    public void Every_link_in_the_shipped_markdown_stays_on_the_site()
    {
        var files = Directory.EnumerateFiles(ShippedRoot, "*.md", SearchOption.AllDirectories).ToList();
        Assert.True(files.Count > 100, $"{files.Count} Markdown files under content/");
        var links = 0;
        var dropped = new List<string>();
        foreach (var file in files)
        {
            foreach (var link in Markdown.Parse(File.ReadAllText(file), Located).Descendants<LinkInline>().Where(link => !link.IsImage))
            {
                links++;
                if (MarkdownRenderer.LocalTarget(link.Url, "en") is null)
                {
                    dropped.Add($"{Path.GetRelativePath(ShippedRoot, file)} line {link.Line + 1}: ({link.Url})");
                }
            }
        }

        Assert.True(links > 300, $"{links} links read");
        Assert.True(dropped.Count == 0, "links shown as plain text (write ~/page for this site in the reader's language):\n" + string.Join('\n', dropped));
    }
}
