using System.Text;

namespace Waymark.Text.Tests;

/// <summary>
/// The UTF-8 entry point (ASCII scanned as bytes, with separator runs collapsed by the automaton's space
/// loops) must find exactly what the UTF-16 path finds in the decoded text.
/// </summary>
public sealed class Utf8MatcherTests
{
    private static PatternMatcher Build(NormalizationOptions normalization, IEnumerable<string> patterns)
    {
        var result = PatternMatcher.Create(
            patterns.Select((p, i) => new PatternDefinition(i, p)),
            new MatcherOptions { Normalization = normalization });
        Assert.True(result.IsSuccess, result.Error);
        return result.Value!;
    }

    [Fact]
    public void Ascii_bytes_give_utf16_offsets_and_phrases_cross_separator_runs()
    {
        var matcher = Build(default, ["feel", "peer support", "car*", "re:zorb?lat"]);
        var text = "I FEEL that peer \t\r\n support, caring; zorlat\r\nfeel_x feel2 feel";
        var bytes = Encoding.UTF8.GetBytes(text);
        var results = new List<PatternMatch>();
        matcher.FindAll(bytes, matcher.CreateScratch(), results);
        Assert.Equal(
            ["0:FEEL", "1:peer \t\r\n support", "2:caring", "3:zorlat", "0:feel"],
            results.Select(m => $"{m.PatternId}:{text.Substring(m.Start, m.Length)}"));
    }

    [Fact]
    public void Non_ascii_text_is_decoded_and_offsets_stay_utf16()
    {
        var matcher = Build(new NormalizationOptions(RemoveDiacritics: true), ["cafe", "strasse", "zorblat"]);
        var text = "😀 Café STRASSE Straße zorblat\uFFFD";
        var bytes = Encoding.UTF8.GetBytes(text);
        var results = new List<PatternMatch>();
        matcher.FindAll(bytes, matcher.CreateScratch(), results);
        Assert.Equal(
            ["0:Café", "1:STRASSE", "1:Straße", "2:zorblat"],
            results.Select(m => $"{m.PatternId}:{text.Substring(m.Start, m.Length)}"));
    }

    [Fact]
    public void Ascii_bytes_allocate_nothing_once_warm()
    {
        var matcher = Build(default, ["feel", "care*", "peer support"]);
        var scratch = matcher.CreateScratch();
        var results = new List<PatternMatch>(64);
        var bytes = "I feel that peer  support and caring help; feel free."u8.ToArray();
        matcher.FindAll(bytes, scratch, results);
        results.Clear();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            matcher.FindAll(bytes, scratch, results);
            results.Clear();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Fuzz_utf8_agrees_with_the_utf16_path(bool removeDiacritics, bool punctuationAsSeparator)
    {
        var random = new Random(5151);
        var options = new NormalizationOptions(removeDiacritics, punctuationAsSeparator);
        for (var round = 0; round < 300; round++)
        {
            var chosen = RandomText.Patterns(random);
            if (chosen.Count == 0)
            {
                continue;
            }

            var matcher = Build(options, chosen);
            var scratch = matcher.CreateScratch();
            for (var t = 0; t < 20; t++)
            {
                var utf8 = RandomText.Utf8(random, random.Next(0, 40));
                AssertAgreesWithUtf16(matcher, scratch, utf8, chosen);
            }
        }

        FuzzOtherScripts(options);
    }

    private static void AssertAgreesWithUtf16(PatternMatcher matcher, MatchScratch scratch, byte[] utf8, List<string> patterns)
    {
        var text = Encoding.UTF8.GetString(utf8);
        var expected = matcher.FindAll(text);
        var actual = new List<PatternMatch>();
        matcher.FindAll(utf8, scratch, actual);
        Assert.True(
            expected.SequenceEqual(actual),
            $"patterns [{string.Join("|", patterns)}] text '{text.ReplaceLineEndings("⏎")}': expected {string.Join(",", expected)} got {string.Join(",", actual)}");
    }

    /// <summary>
    /// Text in other scripts is scanned as UTF-8 character by character (folded through one table) unless a character
    /// needs decoding: both must find exactly what the UTF-16 path finds in the decoded text.
    /// </summary>
    private static void FuzzOtherScripts(NormalizationOptions options)
    {
        var random = new Random(1919);
        for (var round = 0; round < 400; round++)
        {
            var patterns = RandomText.ScriptPatterns(random, options, 6);

            if (patterns.Count == 0 || !PatternMatcher.Create(patterns.Select((p, i) => new PatternDefinition(i, p)), new MatcherOptions { Normalization = options }).IsSuccess)
            {
                continue;
            }

            var matcher = Build(options, patterns);
            var scratch = matcher.CreateScratch();
            for (var t = 0; t < 25; t++)
            {
                var pieces = Enumerable.Range(0, random.Next(0, 30)).Select(_ => RandomText.Piece(random)).ToList();
                var utf8 = Encoding.UTF8.GetBytes(string.Concat(pieces));
                if (random.Next(8) == 0 && utf8.Length > 0)
                {
                    utf8[random.Next(utf8.Length)] = (byte)(0x80 + random.Next(0x80));
                }

                AssertAgreesWithUtf16(matcher, scratch, utf8, patterns);
            }
        }
    }

    [Fact]
    public void Cyrillic_german_and_arabic_text_is_scanned_without_decoding_and_offsets_stay_utf16()
    {
        var matcher = Build(default, ["привет", "straße", "grüße*", "كتاب", "peer support"]);
        var text = "ПРИВЕТ, Привет! STRAẞE und Straße, GRÜSSE und Grüßen; الكتاب كتاب peer  support";
        var bytes = Encoding.UTF8.GetBytes(text);
        var results = new List<PatternMatch>();
        matcher.FindAll(bytes, matcher.CreateScratch(), results);
        Assert.Equal(
            ["0:ПРИВЕТ", "0:Привет", "1:STRAẞE", "1:Straße", "2:GRÜSSE", "2:Grüßen", "3:كتاب", "4:peer  support"],
            results.Select(m => $"{m.PatternId}:{text.Substring(m.Start, m.Length)}"));
    }
}
