using System.Text;

namespace Waymark.Text.Tests;

/// <summary>
/// Matching many paragraphs of a block in one scan must give, paragraph by paragraph, exactly what matching
/// each paragraph's bytes alone gives: the same matches, offsets and order.
/// </summary>
public sealed class BlockMatcherTests
{
    // What borders paragraphs in a block: line breaks of every kind, blank lines, trailing spaces, a single
    // space (so phrases can run from one paragraph into the next) and punctuation.
    private static readonly string[] Borders = ["\n", "\n\n", "\r\n", "\r\n \r\n", " \n\t\n", "\u2029", "\u0085", " ", ",", "’"];

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void Fuzz_a_block_scan_equals_scanning_each_paragraph_alone(bool removeDiacritics, bool punctuationAsSeparator, bool regexes)
    {
        var random = new Random(6161 + (removeDiacritics ? 1 : 0) + (punctuationAsSeparator ? 2 : 0) + (regexes ? 4 : 0));
        var options = new MatcherOptions { Normalization = new NormalizationOptions(removeDiacritics, punctuationAsSeparator) };
        for (var round = 0; round < 200; round++)
        {
            var patterns = RandomText.Patterns(random, regexes);
            if (patterns.Count == 0)
            {
                continue;
            }

            var matcher = PatternMatcher.Create(patterns.Select((p, i) => new PatternDefinition(i, p)), options).Value!;
            var scratch = matcher.CreateScratch();
            for (var t = 0; t < 10; t++)
            {
                var (block, paragraphs) = RandomBlock(random);
                AssertBlockEqualsParagraphs(matcher, scratch, block, paragraphs, patterns);
            }
        }
    }

    /// <summary>
    /// Blocks mostly in other scripts are scanned as UTF-8 bytes by the composed automaton (folding, expansions, separators
    /// and word boundaries of any script), handing on paragraphs with invalid bytes, astral or untaken characters: the
    /// result must still be each paragraph's alone.
    /// </summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Fuzz_a_block_in_other_scripts_equals_scanning_each_paragraph_alone(bool removeDiacritics, bool punctuationAsSeparator)
    {
        var random = new Random(7171 + (removeDiacritics ? 1 : 0) + (punctuationAsSeparator ? 2 : 0));
        var normalization = new NormalizationOptions(removeDiacritics, punctuationAsSeparator);
        var options = new MatcherOptions { Normalization = normalization };
        for (var round = 0; round < 300; round++)
        {
            var patterns = RandomText.ScriptPatterns(random, normalization, 8);

            var built = PatternMatcher.Create(patterns.Select((p, i) => new PatternDefinition(i, p)), options);
            if (patterns.Count == 0 || !built.IsSuccess)
            {
                continue;
            }

            var matcher = built.Value!;
            var scratch = matcher.CreateScratch();
            for (var t = 0; t < 10; t++)
            {
                var (block, paragraphs) = OtherScriptsBlock(random);
                AssertBlockEqualsParagraphs(matcher, scratch, block, paragraphs, patterns);
            }
        }
    }

    private static void AssertBlockEqualsParagraphs(PatternMatcher matcher, MatchScratch scratch, byte[] block, ByteRange[] paragraphs, List<string> patterns)
    {
        var expected = new List<PatternMatch>();
        var expectedEnds = new int[paragraphs.Length];
        for (var p = 0; p < paragraphs.Length; p++)
        {
            matcher.FindAll(block.AsSpan(paragraphs[p].Start, paragraphs[p].Length), scratch, expected);
            expectedEnds[p] = expected.Count;
        }

        var actual = new List<PatternMatch>();
        var ends = new int[paragraphs.Length];
        matcher.FindAll(block, paragraphs, scratch, actual, ends);
        var context = $"patterns [{string.Join("|", patterns)}] block '{Encoding.UTF8.GetString(block).ReplaceLineEndings("⏎")}' paragraphs {string.Join(",", paragraphs)}";
        Assert.True(expected.SequenceEqual(actual), $"{context}: expected {string.Join(",", expected)} got {string.Join(",", actual)}");
        Assert.True(expectedEnds.SequenceEqual(ends), $"{context}: ends {string.Join(",", expectedEnds)} got {string.Join(",", ends)}");
    }

    /// <summary>Paragraphs of other-script pieces (an eighth with an invalid byte, some in ASCII) between random borders.</summary>
    private static (byte[] Block, ByteRange[] Paragraphs) OtherScriptsBlock(Random random)
    {
        var bytes = new List<byte>();
        var paragraphs = new List<ByteRange>();
        for (var n = random.Next(1, random.Next(3) == 0 ? 40 : 8); n > 0; n--)
        {
            var paragraph = random.Next(6) == 0
                ? RandomText.Utf8(random, random.Next(1, 20))
                : Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, random.Next(1, 20)).Select(_ => RandomText.Piece(random))));
            if (paragraph.Length > 0 && random.Next(8) == 0)
            {
                paragraph[random.Next(paragraph.Length)] = (byte)(0x80 + random.Next(0x80));
            }

            if (paragraph.Length == 0 || (IsWordByte(paragraph[0]) && bytes.Count > 0 && IsWordByte(bytes[^1])))
            {
                continue;
            }

            paragraphs.Add(new ByteRange(bytes.Count, paragraph.Length));
            bytes.AddRange(paragraph);
            if (n > 1 || random.Next(2) == 0)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(Borders[random.Next(Borders.Length)]));
            }
        }

        return ([.. bytes], [.. paragraphs]);
    }

    [Fact]
    public void A_paragraph_bordered_by_a_word_character_is_refused()
    {
        var matcher = PatternMatcher.Create([new PatternDefinition(0, "ab")]).Value!;
        var block = "xab\nab"u8.ToArray();
        var error = Assert.Throws<ArgumentException>(() =>
            matcher.FindAll(block, [new ByteRange(1, 2), new ByteRange(4, 2)], matcher.CreateScratch(), [], new int[2]));
        Assert.Contains("bordered by a word character", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Random paragraphs (which may start or end with anything) between random borders; some blocks long enough for four scan chains.</summary>
    private static (byte[] Block, ByteRange[] Paragraphs) RandomBlock(Random random)
    {
        var bytes = new List<byte>();
        var paragraphs = new List<ByteRange>();
        if (random.Next(2) == 0)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(Borders[random.Next(Borders.Length)]));
        }

        for (var n = random.Next(1, random.Next(3) == 0 ? 40 : 6); n > 0; n--)
        {
            var paragraph = RandomText.Utf8(random, random.Next(1, 25));
            if (paragraph.Length > 0 && IsWordByte(paragraph[0]) && bytes.Count > 0 && IsWordByte(bytes[^1]))
            {
                continue;
            }

            paragraphs.Add(new ByteRange(bytes.Count, paragraph.Length));
            bytes.AddRange(paragraph);
            var border = Encoding.UTF8.GetBytes(Borders[random.Next(Borders.Length)]);
            if (n > 1 || random.Next(2) == 0)
            {
                bytes.AddRange(border);
            }
        }

        return ([.. bytes], [.. paragraphs]);
    }

    private static bool IsWordByte(byte b) => b < 0x80 && (char.IsLetterOrDigit((char)b) || b == '_');
}
