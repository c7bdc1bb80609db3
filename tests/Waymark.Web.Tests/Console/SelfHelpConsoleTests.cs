using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Accounts;
using Waymark.SelfHelp.Content;
using Waymark.Testing;
using Waymark.Web.Pages.Console.SelfHelp;

namespace Waymark.Web.Tests.Console;

/// <summary>The console's self-help section: every piece of content previewed in every language, own text or English as the public sees it.</summary>
public sealed class SelfHelpConsoleTests(StaffFixture staff) : IClassFixture<StaffFixture>
{
    private ConsoleSession Editor => staff.SessionOf(ConsoleRole.Editor);

    [Fact]
    public async Task Every_piece_previews_in_every_language_with_the_fallback_where_the_public_has_it()
    {
        var content = staff.Server.Services.GetRequiredService<ContentLibrary>();
        var pieces = ContentPiece.All(content);
        Assert.True(pieces.Count >= 14, $"{pieces.Count} pieces");
        var index = await Editor.Client.GetStringAsync("/console/selfhelp");
        var indexPage = HtmlPage.Parse(index);
        Assert.Contains("Not all reviewed.", index, StringComparison.Ordinal);
        // The tools are listed with the modules, each with its clinical review as its front matter says (all drafts today).
        foreach (var tool in new[] { "self-assessment", "check-in", "safety-plan", "crisis" })
        {
            Assert.Contains(pieces, piece => piece.Kind == "tool" && piece.Id == tool);
            Assert.Equal("own", PageLinks.TextOf(indexPage, $"own: tool {tool} in ar"));
            var cells = indexPage.One($"tr#review-{tool}").Texts("td");
            Assert.Contains("tool", cells);
            Assert.Contains("draft, awaiting clinical review", cells);
        }

        Assert.True(indexPage.Has("tr#review-why-change"));
        Assert.Equal(content.ProgrammeIn("en").Modules.Count + content.ProgrammeIn("en").Tools.Count, indexPage.QuerySelectorAll("tr[id^='review-']").Length);
        Assert.Equal("own", PageLinks.TextOf(indexPage, "own: module why-change in ar"));
        Assert.Equal("own", PageLinks.TextOf(indexPage, "own: module why-change in fi"));

        // Every shipped language now has every piece; the fallback notice is still checked both ways for each one.
        foreach (var piece in pieces)
        {
            foreach (var language in Waymark.Web.Localization.Languages.All)
            {
                var shownIn = piece.In(content, language.Code)!;
                var (status, html) = await ScreeningConsole.GetPacedAsync(Editor, $"/console/selfhelp/preview?kind={piece.Kind}&id={piece.Id}&lang={language.Code}");
                Assert.Equal(HttpStatusCode.OK, status);
                var preview = HtmlPage.Parse(html).One("div.preview");
                Assert.Equal((language.Code, language.Direction), (preview.GetAttribute("lang"), preview.GetAttribute("dir")));
                var article = preview.One("article");
                Assert.Equal((shownIn.Code, shownIn.Direction), (article.GetAttribute("lang"), article.GetAttribute("dir")));
                // The public "not yet translated" notice, in the reader's language, exactly where the public page shows it.
                Assert.Equal(shownIn.IsFallback, preview.Has("p.notice"));
            }
        }

        var module = content.ProgrammeIn("ar").Modules[0];
        var (_, arabic) = await ScreeningConsole.GetPacedAsync(Editor, $"/console/selfhelp/preview?kind=module&id={module.Id}&lang=ar");
        var arabicPage = HtmlPage.Parse(arabic);
        Assert.Contains(module.Exercises[0].Prompt, arabicPage.One("div.preview").TextContent, StringComparison.Ordinal);
        Assert.False(arabicPage.Has("main form:not([action='/console/logout'])")); // a preview saves nothing: its exercises are not forms

        Assert.Equal(HttpStatusCode.NotFound, (await ScreeningConsole.GetPacedAsync(Editor, "/console/selfhelp/preview?kind=module&id=no-such-module&lang=en")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ScreeningConsole.GetPacedAsync(Editor, "/console/selfhelp/preview?kind=intro&id=programme&lang=xx")).Status);
    }
}
