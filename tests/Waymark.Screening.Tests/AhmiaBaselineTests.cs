using Waymark.Screening.Evaluation;

namespace Waymark.Screening.Tests;

/// <summary>
/// The evaluation's Ahmia baseline behaves as Ahmia's published code does (ahmia-site,
/// ahmia/views.py banned_search; ahmia/settings.py reading banned_terms.map), on placeholder terms in
/// the shape of Ahmia's own map file, and Waymark flags everything it flags.
/// </summary>
public sealed class AhmiaBaselineTests
{
    // The shape of Ahmia's shipped banned_terms.map: a default line, then "~*term" 1; lines, the
    // last without a line feed. Placeholder terms only.
    private const string Map = "default 0;\n\"~*zorblat\" 1;\n\"~*12quen\" 1;\n~*vashtrel 1;\n\"~*plindor\" 0;\n\"~*drumphelt\" 1;";

    private static readonly AhmiaBaseline Ahmia = AhmiaBaseline.FromMap(Map);

    [Fact]
    public void Terms_are_read_from_the_map_as_ahmia_settings_read_them()
    {
        // Only quoted ~* lines with value 1; Python's line[3:-5] cuts the last term's final letter
        // when the file does not end with a line feed.
        Assert.Equal(3, Ahmia.TermCount);
        Assert.True(Ahmia.IsBanned("drumphel"));
        Assert.False(Ahmia.IsBanned("drumphelt"));
        Assert.False(Ahmia.IsBanned("vashtrel"));
        Assert.False(Ahmia.IsBanned("plindor"));
    }

    [Theory]
    [InlineData("zorblat")]
    [InlineData("new ZORBLAT 2025")]
    [InlineData("zor-blat")]
    [InlineData("zor_blat")]
    [InlineData("zor'blat")]
    [InlineData("zorb*lat")]
    [InlineData("z.o.r.b.l.a.t")]
    [InlineData("zor\tblat")] // only U+0020 cuts a query
    [InlineData("zor\u00A0blat")]
    [InlineData("zo\u0308rblat")] // a combining mark is not a letter: deleted
    [InlineData("\uFFFDzorblat")]
    [InlineData("12quen")]
    [InlineData("12-quen!")]
    public void Ahmia_flags_a_piece_equal_to_a_term_with_punctuation_deleted(string query)
    {
        Assert.True(Ahmia.IsBanned(query), query);
    }

    [Theory]
    [InlineData("zor blat")]
    [InlineData("zorblats")]
    [InlineData("z o r b l a t")]
    [InlineData("z0rblat")]
    [InlineData("zörblat")] // precomposed: ö is a letter, kept
    [InlineData("zorblat2025")]
    [InlineData("new\tzorblat")]
    public void Ahmia_misses_what_its_comparison_does_not_cover(string query)
    {
        Assert.False(Ahmia.IsBanned(query), query);
    }

    [Fact]
    public void Python_lower_case_is_used()
    {
        Assert.Equal("i\u0307stanbul", AhmiaBaseline.Lower("\u0130STANBUL"));
        Assert.Equal("\u03BF\u03B4\u03BF\u03C2", AhmiaBaseline.Lower("\u039F\u0394\u039F\u03A3"));
        Assert.Equal("zorblat12", AhmiaBaseline.LettersAndDigits("zor-blat_1'2"));
    }

    [Theory]
    [InlineData("zor-blat")]
    [InlineData("zor_blat")]
    [InlineData("zor'blat")]
    [InlineData("zorb*lat")]
    [InlineData("zor\tblat")]
    [InlineData("zor\u00A0blat")]
    [InlineData("zor\u3000blat")] // ideographic space: NFKC makes it a space, Ahmia deletes it
    [InlineData("zo\u0308rblat")]
    [InlineData("\uFFFDzorblat")]
    [InlineData("12-quen!")]
    [InlineData("1.2.q.u.e.n")]
    public void Waymark_flags_what_Ahmia_flags(string query)
    {
        var screener = Placeholder.Create("zorblat\t*\ttoken\tcsam\ttest\n12quen\t*\ttoken\tcsam\ttest\n");
        Assert.True(Ahmia.IsBanned(query), query);
        Assert.True(screener.Screen(query, "en").Matched, query);
    }

    [Fact]
    public void Random_pieces_flagged_by_Ahmia_are_flagged_by_Waymark()
    {
        // Seeded fuzz: the term with random punctuation, symbols, marks and white space other than
        // U+0020 inserted, in random contexts; every query Ahmia flags must be flagged by Waymark.
        var screener = Placeholder.Create("zorblat\t*\ttoken\tcsam\ttest\n12quen\t*\ttoken\tcsam\ttest\n");
        var random = new Random(2026);
        string[] inserts = ["-", "_", "'", "*", ".", "\t", "\u00A0", "\u2009", "\u0301", "\u200B", "%", "#", "\u2019", "\uFFFD", "|", "+", "@", "!", "$", "\u00B7"];
        var flagged = 0;
        for (var i = 0; i < 5000; i++)
        {
            var term = random.Next(2) == 0 ? "zorblat" : "12quen";
            var chars = term.Select(c => c.ToString()).ToList();
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                chars.Insert(random.Next(chars.Count + 1), inserts[random.Next(inserts.Length)]);
            }

            var query = (random.Next(3) == 0 ? "a " : "") + string.Concat(chars) + (random.Next(3) == 0 ? " 2025" : "");
            if (Ahmia.IsBanned(query))
            {
                flagged++;
                Assert.True(screener.Screen(query, "en").Matched, query);
            }
        }

        Assert.True(flagged > 2000, $"{flagged} flagged");
    }
}
