using Waymark.Testing;

namespace Waymark.Web.Tests;

/// <summary>
/// The page checker itself finds what it is there to find, check after check on the one page it reuses: a missing alt
/// text and a nameless button (axe-core), invalid HTML (the Nu HTML Checker), a page too wide for a phone; and a clean
/// page checked between two faulty ones at the same address inherits nothing from them.
/// </summary>
public sealed class PageCheckerTests(PageChecker checker) : IClassFixture<PageChecker>
{
    // Nothing listens on the discard port: the documents are replayed, and their stylesheet simply fails to load.
    private static readonly Uri Address = new("http://127.0.0.1:9/en/page");

    private const string Clean = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>A page</title></head>
        <body><main><h1>A page</h1><p>Plain text.</p></main></body></html>
        """;

    private const string Faulty = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>A page</title></head>
        <body><main><h1>A page</h1><img src="/picture.png"><button></button><p><div>a block in a paragraph</div></p></main></body></html>
        """;

    private const string Wide = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>A page</title></head>
        <body><main><h1>A page</h1><p style="width: 600px">Too wide.</p></main></body></html>
        """;

    [Fact]
    public async Task Each_check_sees_its_own_document_and_finds_its_faults()
    {
        for (var round = 0; round < 2; round++)
        {
            var faults = string.Join("\n", await checker.CheckHtmlAsync(Address, Faulty));
            Assert.Contains("axe image-alt", faults, StringComparison.Ordinal);
            Assert.Contains("axe button-name", faults, StringComparison.Ordinal);
            Assert.Contains("Nu HTML Checker:", faults, StringComparison.Ordinal);
            PageChecker.AssertClean(await checker.CheckHtmlAsync(Address, Clean));
        }
    }

    [Fact]
    public async Task A_page_wider_than_a_phone_is_reported_and_a_narrow_one_is_not()
    {
        Assert.EndsWith($"px wide on a {PageChecker.NarrowScreen} px screen", Assert.Single(await checker.CheckNarrowScreenAsync(Address, Wide)), StringComparison.Ordinal);
        PageChecker.AssertClean(await checker.CheckNarrowScreenAsync(Address, Clean));
        Assert.Single(await checker.CheckNarrowScreenAsync(Address, Wide));
    }
}
