using System.Text;

namespace Waymark.Text.Tests;

/// <summary>
/// <c>stem:</c> and <c>fuzzy:</c> patterns. Stems are Snowball's (checked against R's SnowballC, which wraps the C
/// libstemmer, in Waymark.Content.Tests); edit distances are checked here against a plain full-matrix
/// implementation and, in Waymark.Content.Tests, against R's stringdist.
/// </summary>
public sealed class WordPatternTests
{
    private static PatternMatcher Build(string? language, params string[] patterns)
    {
        var result = PatternMatcher.Create(
            patterns.Select((p, i) => new PatternDefinition(i, p)),
            new MatcherOptions { Language = language });
        Assert.True(result.IsSuccess, result.Error);
        return result.Value!;
    }

    private static List<string> Found(PatternMatcher matcher, string text) =>
        [.. matcher.FindAll(text).Select(m => $"{m.PatternId}:{text.Substring(m.Start, m.Length)}")];

    [Fact]
    public void The_syntax_names_the_two_kinds()
    {
        Assert.Equal((PatternKind.Stem, "guilt"), PatternSyntax.Classify(" stem: guilt "));
        Assert.Equal((PatternKind.Fuzzy, "anonymity"), PatternSyntax.Classify("fuzzy:anonymity"));
        Assert.Equal((PatternKind.Word, "Stem:guilt"), PatternSyntax.Classify("Stem:guilt"));
    }

    [Fact]
    public void A_stem_pattern_finds_the_inflected_forms_a_human_coder_codes()
    {
        // English Snowball (Porter2): feeling → feel, helped → help, sharing → share, caring → care,
        // supporters → support. "guilty" stems to "guilti", so stem:guilt does not reach it: stem:guilty does.
        var matcher = Build("en", "stem:feel", "stem:help", "stem:share", "stem:care", "stem:support", "stem:guilt", "stem:guilty");
        Assert.Equal(
            ["0:Feeling", "6:guilty", "1:helped", "2:sharing", "3:caring", "4:supporters", "5:guilt", "5:guilts"],
            Found(matcher, "Feeling guilty, she helped by sharing and caring; supporters' guilt's end, guilts."));
    }

    [Fact]
    public void A_stem_pattern_is_case_folded_and_follows_the_language()
    {
        var german = Build("de", "stem:gefühl");
        Assert.Equal(["0:GEFÜHLE", "0:Gefühlen"], Found(german, "GEFÜHLE und Gefühlen, nicht Gefühlvoll"));
        var russian = Build("ru-RU", "stem:поддержка");
        Assert.Equal(["0:поддержки", "0:Поддержку"], Found(russian, "без поддержки. Поддержку!"));
    }

    [Fact]
    public void A_language_without_a_snowball_stemmer_is_a_clear_error()
    {
        var none = PatternMatcher.Create([new PatternDefinition(0, "stem:guilt")]);
        Assert.False(none.IsSuccess);
        Assert.Contains("stem:guilt", none.Error, StringComparison.Ordinal);
        Assert.Contains("need the language", none.Error, StringComparison.Ordinal);

        var arabic = PatternMatcher.Create([new PatternDefinition(0, "stem:x")], new MatcherOptions { Language = "ar" });
        Assert.False(arabic.IsSuccess);
        Assert.Contains("no Snowball stemmer for the language 'ar'", arabic.Error, StringComparison.Ordinal);
        Assert.Contains("en", arabic.Error, StringComparison.Ordinal);

        // Without a stem: pattern the language is never needed.
        Assert.True(PatternMatcher.Create([new PatternDefinition(0, "fuzzy:anonymity")], new MatcherOptions { Language = "ar" }).IsSuccess);
    }

    [Theory]
    [InlineData("stem:peer support")]
    [InlineData("fuzzy:guilt's")]
    [InlineData("fuzzy:")]
    [InlineData("stem:feel*")]
    public void Stem_and_fuzzy_patterns_take_one_word(string pattern)
    {
        var built = PatternMatcher.Create([new PatternDefinition(0, pattern)], new MatcherOptions { Language = "en" });
        Assert.False(built.IsSuccess);
        Assert.Contains(pattern, built.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fuzzy_pattern_allows_one_edit_from_six_letters_and_two_from_ten()
    {
        // anonymity (9 letters): one substitution, transposition, insertion or deletion, case-folded.
        var matcher = Build(null, "fuzzy:anonymity", "fuzzy:although", "fuzzy:eventually", "fuzzy:share");
        Assert.Equal(
            ["0:anonimity", "0:ANONYMTIY", "0:anonymty", "1:Althogh", "2:evntualy", "2:eventually", "3:share"],
            Found(matcher, "anonimity ANONYMTIY anonymty anonimty Althogh altho evntualy eventually evntaly share shore shares"));
    }

    [Fact]
    public void A_fuzzy_pattern_counts_a_missing_accent_as_one_edit_unless_diacritics_are_ignored()
    {
        // fiancée (7 letters: one edit) and café (4 letters: exact); decomposed, é is e + U+0301.
        var strict = Build(null, "fuzzy:fiancée", "fuzzy:café");
        Assert.Equal(["0:fiancee", "0:FIANCÉS"], Found(strict, "fiancee FIANCÉS fiances cafe"));
        var loose = PatternMatcher.Create(
            [new PatternDefinition(0, "fuzzy:fiancée"), new PatternDefinition(1, "fuzzy:café")],
            new MatcherOptions { Normalization = new NormalizationOptions(RemoveDiacritics: true) }).Value!;
        Assert.Equal(["0:fiancee", "0:FIANCÉS", "0:fiances", "1:cafe"], Found(loose, "fiancee FIANCÉS fiances cafe"));
    }

    [Fact]
    public void A_word_found_by_an_exact_and_a_stem_pattern_of_one_code_is_one_match()
    {
        var matcher = PatternMatcher.Create(
            [new PatternDefinition(7, "guilt"), new PatternDefinition(7, "stem:guilt"), new PatternDefinition(8, "stem:guilts")],
            new MatcherOptions { Language = "en" }).Value!;
        Assert.Equal(["7:guilt", "8:guilt", "7:guilts", "8:guilts"], Found(matcher, "guilt guilts"));
        Assert.True(matcher.IsMatch("no GUILTS here", matcher.CreateScratch()));
        Assert.False(matcher.IsMatch("guilty", matcher.CreateScratch()));
    }

    [Fact]
    public void Fuzzy_matches_equal_a_full_matrix_edit_distance_over_random_words()
    {
        var random = new Random(20261207);
        for (var round = 0; round < 60; round++)
        {
            var patterns = Enumerable.Range(0, 8).Select(_ => RandomWord(random, 3, 12)).ToList();
            var words = Enumerable.Range(0, 300).Select(_ => random.Next(3) == 0 ? Mutate(random, patterns[random.Next(patterns.Count)]) : RandomWord(random, 1, 14)).ToList();
            var matcher = Build(null, [.. patterns.Select(p => "fuzzy:" + p)]);
            var text = string.Join(" ", words);
            var expected = new List<string>();
            foreach (var word in words)
            {
                for (var p = 0; p < patterns.Count; p++)
                {
                    var limit = patterns[p].Length >= 10 ? 2 : patterns[p].Length >= 6 ? 1 : 0;
                    if (OptimalStringAlignment(patterns[p].ToLowerInvariant(), word.ToLowerInvariant()) <= limit)
                    {
                        expected.Add($"{p}:{word}");
                    }
                }
            }

            Assert.Equal(expected, Found(matcher, text));
        }
    }

    [Fact]
    public void Exact_patterns_find_the_same_with_stem_and_fuzzy_patterns_beside_them()
    {
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var exact = RandomText.Patterns(random);
            var text = Encoding.UTF8.GetString(RandomText.Utf8(random, 60));
            var alone = PatternMatcher.Create(exact.Select((p, i) => new PatternDefinition(i, p))).Value!;
            var mixed = PatternMatcher.Create(
                [.. exact.Select((p, i) => new PatternDefinition(i, p)), new(1000, "stem:abab"), new(1001, "fuzzy:ababab")],
                new MatcherOptions { Language = "en" }).Value!;
            Assert.Equal(alone.FindAll(text), mixed.FindAll(text).Where(m => m.PatternId < 1000));
        }
    }

    [Fact]
    public void The_byte_and_block_paths_find_what_the_string_path_finds()
    {
        var matcher = Build("en", "stem:help", "fuzzy:anonymity", "feel", "peer support", "care*");
        var paragraphs = new[] { "We helped, Helping", "anonimity – feel “careful”", "peer\tsupport helps", "Überall geholfen anonymity" };
        var block = Encoding.UTF8.GetBytes(string.Join("\n\n", paragraphs));
        var ranges = new List<ByteRange>();
        var start = 0;
        foreach (var paragraph in paragraphs)
        {
            var length = Encoding.UTF8.GetByteCount(paragraph);
            ranges.Add(new ByteRange(start, length));
            start += length + 2;
        }

        var scratch = matcher.CreateScratch();
        var fromBlock = new List<PatternMatch>();
        var ends = new int[paragraphs.Length];
        matcher.FindAll(block, ranges.ToArray(), scratch, fromBlock, ends);
        var first = 0;
        for (var p = 0; p < paragraphs.Length; p++)
        {
            var fromBytes = new List<PatternMatch>();
            matcher.FindAll(Encoding.UTF8.GetBytes(paragraphs[p]), scratch, fromBytes);
            Assert.Equal(matcher.FindAll(paragraphs[p]), fromBytes);
            Assert.Equal(fromBytes, fromBlock[first..ends[p]]);
            first = ends[p];
        }

        Assert.Equal(["0:helped", "0:Helping"], Found(matcher, paragraphs[0]));
        Assert.Equal(["1:anonimity", "2:feel", "4:careful"], Found(matcher, paragraphs[1]));
    }

    private static string RandomWord(Random random, int min, int max)
    {
        var chars = new char[random.Next(min, max + 1)];
        for (var i = 0; i < chars.Length; i++)
        {
            // ASCII with both cases: the full matrix below compares UTF-16 units after lowercasing, as the matcher
            // compares code points of case-folded text (accents are covered by the test above).
            chars[i] = "abcdeAB"[random.Next(7)];
        }

        return new string(chars);
    }

    /// <summary>One to three random edits of a word, so that near misses are common.</summary>
    private static string Mutate(Random random, string word)
    {
        var chars = new List<char>(word);
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = random.Next(chars.Count + 1);
            switch (random.Next(4))
            {
                case 0:
                    chars.Insert(at, "abcde"[random.Next(5)]);
                    break;
                case 1 when at < chars.Count && chars.Count > 1:
                    chars.RemoveAt(at);
                    break;
                case 2 when at < chars.Count:
                    chars[at] = "abcde"[random.Next(5)];
                    break;
                case 3 when at + 1 < chars.Count:
                    (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
                    break;
            }
        }

        return new string([.. chars]);
    }

    /// <summary>The textbook full matrix of the optimal string alignment distance.</summary>
    private static int OptimalStringAlignment(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
