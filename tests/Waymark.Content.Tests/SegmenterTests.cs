using Waymark.Content.Corpus;

namespace Waymark.Content.Tests;

public sealed class SegmenterTests
{
    private static List<string> Paragraphs(string text) => [.. Segmenter.Paragraphs(text).Select(p => text.Substring(p.Start, p.Length))];

    private static List<string> Sentences(string text) => [.. Segmenter.Sentences(text).Select(p => text.Substring(p.Start, p.Length))];

    [Fact]
    public void Paragraphs_are_separated_by_blank_lines_of_any_line_break()
    {
        Assert.Equal(["one\r\nline two", "three", "four"], Paragraphs("\n\none\r\nline two\r\n \t\r\nthree\r\rfour\n"));
        Assert.Equal(["a\u2028b", "c"], Paragraphs("a\u2028b\u0085\u0085c"));
    }

    [Fact]
    public void A_paragraph_separator_character_ends_a_paragraph_by_itself()
    {
        Assert.Equal(["first", "second"], Paragraphs("first\u2029second"));
    }

    [Fact]
    public void Sentences_end_at_terminators_followed_by_space_in_any_script()
    {
        Assert.Equal(["I feel fine.", "Do you?", "\"Yes!\"", "Pi is 3.14 or so"], Sentences("I feel fine. Do you? \"Yes!\" Pi is 3.14 or so"));
        Assert.Equal(["我很好。", "你呢？"], Sentences("我很好。 你呢？"));
        Assert.Equal(["मैं ठीक हूँ।", "और तुम?"], Sentences("मैं ठीक हूँ। और तुम?"));
        Assert.Equal(["Wait...", "what"], Sentences("  Wait... what  "));
    }

    [Fact]
    public void Common_abbreviations_do_not_end_a_sentence()
    {
        Assert.Equal(["Bring fruit, e.g. apples or i.e. pears.", "Then go."], Sentences("Bring fruit, e.g. apples or i.e. pears. Then go."));
        Assert.Equal(["Dr. Zorblat met Mrs. Quenmix (Prof. Lee came too).", "Fine."], Sentences("Dr. Zorblat met Mrs. Quenmix (Prof. Lee came too). Fine."));
        Assert.Equal(["Apples, pears, etc. are fruit.", "Yes."], Sentences("Apples, pears, etc. are fruit. Yes."));
        Assert.Equal(["Smith et al. found it.", "Good."], Sentences("Smith et al. found it. Good."));

        // "etc." may end a sentence: it does before a capital; and other words ending in a stop still end one.
        Assert.Equal(["I like apples, pears etc.", "They are good."], Sentences("I like apples, pears etc. They are good."));
        Assert.Equal(["Ask the doctor.", "Dr. Who?"], Sentences("Ask the doctor. Dr. Who?"));
        Assert.Equal(["It is a bad idea.", "Go."], Sentences("It is a bad idea. Go."));
        Assert.Equal(["Stop!", "Etc?", "No."], Sentences("Stop! Etc? No."));
        Assert.Equal(["A zorblat.", "E.g. this."], Sentences("A zorblat. E.g. this."));
    }

    [Fact]
    public void Streamed_paragraphs_of_a_text_file_carry_their_exact_offsets()
    {
        const string text = "\uFEFFTitle line\r\n\r\nSecond 😀 para\ngraph\r\n\r\n\r\n  Third\u2029Fourth";
        var body = text[1..];
        using var reader = new StringReader(body);
        var paragraphs = TextCorpusReader.Paragraphs(reader, "doc").ToList();
        Assert.Equal(["Title line", "Second 😀 para\ngraph", "  Third", "Fourth"], paragraphs.Select(p => p.Text));
        foreach (var p in paragraphs)
        {
            Assert.Equal(p.Text, body.Substring((int)p.Offset, p.Text.Length));
        }

        // The same rule on a string and on a stream.
        Assert.Equal(Segmenter.Paragraphs(body).Select(p => (long)p.Start), paragraphs.Select(p => p.Offset));
    }
}
