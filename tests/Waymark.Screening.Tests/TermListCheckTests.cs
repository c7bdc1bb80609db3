using Waymark.Screening.Terms;

namespace Waymark.Screening.Tests;

/// <summary>Checking a whole uploaded list (every bad line), swapping terms into a running screener, explaining a match.</summary>
public sealed class TermListCheckTests
{
    [Fact]
    public void Every_bad_line_is_reported_with_its_number_and_no_entry_comes_from_a_bad_line()
    {
        var screener = Placeholder.Create();
        var check = screener.CheckTermList("# header\nzorblat\nquenmix\tenglish\n\nvrel\t*\tsideways\n...\t*\ttoken\nskarn\t*\tprefix\n", "upload.tsv");
        Assert.False(check.IsValid);
        Assert.Equal([3, 5, 6], check.Problems.Select(p => p.Line));
        Assert.Contains("not a language code", check.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("not a match mode", check.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("no letters or digits", check.Problems[2].Message, StringComparison.Ordinal);
        Assert.Equal("error: upload.tsv line 5: '" + "sideways' is not a match mode (token, phrase, prefix or allow).", check.Problems[1].ToString());
        Assert.Equal(["zorblat", "skarn"], check.Entries.Select(e => e.Term));
        Assert.Equal([2, 7], check.EntryLines);
        Assert.Equal(3, check.ProblemCount);
    }

    [Fact]
    public void Parse_reports_the_first_problem_of_check_in_the_same_words()
    {
        const string text = "zorblat\nquenmix\tenglish\nvrel\t*\tsideways\n";
        var check = TermListParser.Check(text, "t.tsv");
        Assert.Equal(2, check.Problems.Count);
        Assert.Equal(check.Problems[0] + " (1 more line is bad.)", TermListParser.Parse(text, "t.tsv").Error);
        Assert.Equal("error: t.tsv line 2: 'sideways' is not a match mode (token, phrase, prefix or allow).", TermListParser.Parse("zorblat\nvrel\t*\tsideways\n", "t.tsv").Error);
        Assert.Equal("error: t.tsv: the list has no terms.", TermListParser.Parse("# nothing\n", "t.tsv").Error);
    }

    [Fact]
    public void A_list_with_very_many_bad_lines_reports_a_bounded_number()
    {
        var text = string.Concat(Enumerable.Repeat("zorblat\tenglish\n", TermListParser.MaxProblems * 3)) + "quenmix\n";
        var check = TermListParser.Check(text, "t.tsv");
        Assert.Equal(TermListParser.MaxProblems, check.Problems.Count);
        Assert.Equal(TermListParser.MaxProblems * 3, check.ProblemCount);
        Assert.Equal(["quenmix"], check.Entries.Select(e => e.Term)); // the good line after them all is still read
    }

    [Fact]
    public void New_terms_swap_in_while_the_messages_and_links_stay()
    {
        var screener = Placeholder.Create();
        Assert.Null(screener.FindTerm("a plovrik b", "en"));
        var terms = TermListParser.Parse("plovrik\t*\ttoken\tcsam\tlist-b\nzorbl\t*\tprefix\tother\n", "b.tsv").Value!;
        var swapped = screener.WithTerms(terms);
        Assert.True(swapped.IsSuccess, swapped.Error);
        var next = swapped.Value!;
        Assert.Equal(new TermEntry("plovrik", "*", MatchMode.Token, "csam", "list-b"), next.FindTerm("new p.l.o.v.r.i.k 2025", "en"));
        Assert.Equal(MatchMode.Prefix, next.FindTerm("zorblats", "fi")!.Mode);
        Assert.True(next.Screen("plovrik", "en").Matched);
        Assert.Equal(screener.Variants, next.Variants);
        Assert.Equal(screener.LinkTarget("selfhelp", "de"), next.LinkTarget("selfhelp", "de"));
        Assert.Contains("plovrik", next.NormalForms("PL0VRIK"));
        Assert.False(screener.WithTerms([new TermEntry("!!!", "*", MatchMode.Token, "csam", "x:1")]).IsSuccess);
    }

    [Fact]
    public void Check_never_throws_on_random_text_and_agrees_with_parse()
    {
        var random = new Random(9090);
        var alphabet = "zorblatquenmix \t\t\t\n\r#*;~\"|\\^$-_.0123456789éß\u200b\0".ToCharArray();
        var screener = Placeholder.Create();
        for (var i = 0; i < 3000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 120)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var check = screener.CheckTermList(text, "fuzz.tsv");
            var parsed = TermListParser.Parse(text, "fuzz.tsv");
            Assert.Equal(check.Entries.Count, check.EntryLines.Count);
            if (TermListParser.Check(text, "fuzz.tsv").IsValid)
            {
                Assert.True(parsed.IsSuccess);
            }
            else
            {
                Assert.False(parsed.IsSuccess);
            }
        }
    }
}
