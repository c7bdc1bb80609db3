using Waymark.Screening.Terms;

namespace Waymark.Screening.Tests;

/// <summary>Made-up placeholder terms only: no real search term appears in any test.</summary>
internal static class Placeholder
{
    public const string TermList = """
        # term	language	mode	category	source
        zorblat	*	token	csam	test
        quenmix	en	token	csam	test
        vrel dapto	*	phrase	csam	test
        skarn	*	prefix	csam	test
        skarnival	en	allow	-	test
        """;

    public static Screener Create(string list = TermList, ScreenerOptions? options = null)
    {
        var terms = TermListParser.Parse(list.Replace("\n        ", "\n", StringComparison.Ordinal), "placeholder.tsv");
        Assert.True(terms.IsSuccess, terms.Error);
        var screener = Screener.Create(terms.Value!, options ?? new ScreenerOptions());
        Assert.True(screener.IsSuccess, screener.Error);
        return screener.Value!;
    }
}
