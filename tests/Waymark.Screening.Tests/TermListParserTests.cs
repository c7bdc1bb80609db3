using Waymark.Screening.Terms;

namespace Waymark.Screening.Tests;

public sealed class TermListParserTests
{
    [Fact]
    public void Tsv_columns_are_term_language_mode_category_source_with_defaults()
    {
        var list = TermListParser.Parse("# comment\nzorblat\nvrel dapto\tfi\nskarn\t*\tprefix\tother\tlist-a\r\nskarnival\ten\tallow\n", "t.tsv");
        Assert.True(list.IsSuccess, list.Error);
        Assert.Equal(
            [
                new TermEntry("zorblat", "*", MatchMode.Token, "csam", "t.tsv:2"),
                new TermEntry("vrel dapto", "fi", MatchMode.Phrase, "csam", "t.tsv:3"),
                new TermEntry("skarn", "*", MatchMode.Prefix, "other", "list-a"),
                new TermEntry("skarnival", "en", MatchMode.Allow, "csam", "t.tsv:5"),
            ],
            list.Value!);
    }

    [Theory]
    [InlineData("zorblat\t*\tsideways", "error: t.tsv line 1:", "not a match mode")]
    [InlineData("zorblat\tenglish", "error: t.tsv line 1:", "not a language code")]
    [InlineData("ok\nzorblat\t*\ttoken\tbad label!", "error: t.tsv line 2:", "not a category label")]
    [InlineData("a\tb\tc\td\te\tf", "error: t.tsv line 1:", "more than 5")]
    [InlineData("\t*\ttoken", "error: t.tsv line 1:", "empty")]
    [InlineData("zorblat\t*\t2", "error: t.tsv line 1:", "not a match mode")]
    [InlineData("# only a comment\n", "error: t.tsv: ", "no terms")]
    [InlineData("skarnival\ten\tallow", "error: t.tsv: ", "no terms")]
    public void Bad_lines_are_named_with_file_and_line(string text, string where, string message)
    {
        var list = TermListParser.Parse(text, "t.tsv");
        Assert.False(list.IsSuccess);
        Assert.StartsWith(where, list.Error, StringComparison.Ordinal);
        Assert.Contains(message, list.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ahmias_nginx_map_imports_as_it_is()
    {
        var list = TermListParser.Parse("~*zorblat 1;\n~*quenmixes 1;\n~*^vrel dapto$ 1;\n~*plim|plom 1;\n\"skarn vel\" 1;\nharmless 0;\ndefault 0;\n", "banned_terms.map");
        Assert.True(list.IsSuccess, list.Error);
        Assert.Equal(["zorblat", "quenmixes", "vrel dapto", "plim", "plom", "skarn vel"], list.Value!.Select(t => t.Term));
        Assert.All(list.Value!, t => Assert.Equal("ahmia", t.Category));
        Assert.Equal(MatchMode.Phrase, list.Value![2].Mode);
        Assert.Equal("banned_terms.map:1", list.Value![0].Source);
    }

    [Fact]
    public void An_nginx_map_is_recognised_by_its_content_too()
    {
        var list = TermListParser.Parse("# Ahmia\n~*zorblat 1;\n", "terms.txt");
        Assert.True(list.IsSuccess, list.Error);
        Assert.Equal("ahmia", Assert.Single(list.Value!).Category);
    }

    [Theory]
    [InlineData("~*zorb.*lat 1;", "more than a word")]
    [InlineData("~*zorb[ae]lat 1;", "more than a word")]
    [InlineData("~*zorblat 1", "ends with ';'")]
    public void Nginx_entries_that_are_not_plain_terms_are_refused_with_a_message(string line, string message)
    {
        var list = TermListParser.Parse(line + "\n", "banned_terms.map");
        Assert.False(list.IsSuccess);
        Assert.Contains("banned_terms.map line 1:", list.Error, StringComparison.Ordinal);
        Assert.Contains(message, list.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_content_is_refused()
    {
        Assert.Contains("not a text file", TermListParser.Parse("zorb\0lat", "t.tsv").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Seeded_fuzz_gives_a_list_or_a_message_never_an_exception()
    {
        var random = new Random(20261127);
        var alphabet = "zorb lat\t\n;~*^$|\"'#\\.-_01ÄΩ\u200B\r";
        var deadline = DateTime.UtcNow.AddSeconds(5);
        for (var i = 0; i < 3000 && DateTime.UtcNow < deadline; i++)
        {
            var chars = new char[random.Next(0, 60)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            foreach (var name in new[] { "f.tsv", "f.map" })
            {
                var list = TermListParser.Parse(new string(chars), name);
                Assert.True(list.IsSuccess ? list.Value!.Count > 0 : !string.IsNullOrWhiteSpace(list.Error));
                if (list.IsSuccess)
                {
                    var built = Screener.Create(list.Value!, new ScreenerOptions());
                    Assert.True(built.IsSuccess || built.Error!.Contains("no letters or digits", StringComparison.Ordinal), built.Error);
                }
            }
        }
    }
}
