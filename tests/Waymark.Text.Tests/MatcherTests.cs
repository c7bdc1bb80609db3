namespace Waymark.Text.Tests;

public sealed class MatcherTests
{
    private static PatternMatcher Build(NormalizationOptions normalization, params string[] patterns)
    {
        var result = PatternMatcher.Create(
            patterns.Select((p, i) => new PatternDefinition(i, p)),
            new MatcherOptions { Normalization = normalization });
        Assert.True(result.IsSuccess, result.Error);
        return result.Value!;
    }

    private static PatternMatcher Build(params string[] patterns) => Build(default, patterns);

    private static List<string> Found(PatternMatcher matcher, string text) =>
        [.. matcher.FindAll(text).Select(m => $"{m.PatternId}:{text.Substring(m.Start, m.Length)}")];

    [Fact]
    public void Whole_words_match_case_insensitively_and_only_as_words()
    {
        var matcher = Build("feel", "care");
        Assert.Equal(["0:Feel", "1:CARE", "0:feel"], Found(matcher, "Feel the CARE; careful feelings, feel."));
    }

    [Fact]
    public void A_prefix_pattern_matches_the_start_of_words()
    {
        var matcher = Build("feel*");
        Assert.Equal(["0:feel", "0:Feelings"], Found(matcher, "feel Feelings unfeeling"));
    }

    [Fact]
    public void Find_inside_counts_every_position_as_a_word_boundary()
    {
        var matcher = Build("feel", "care*", "peer support", "are");
        var found = new List<PatternMatch>();
        const string text = "xFEELcarex";
        matcher.FindInside(text, matcher.CreateScratch(), found);
        Assert.Equal(["0:FEEL", "1:care", "3:are"], found.Select(m => $"{m.PatternId}:{text.Substring(m.Start, m.Length)}"));
        Assert.Empty(matcher.FindAll(text)); // the ordinary scan needs word boundaries
        found.Clear();
        matcher.FindInside("peersupport fee", matcher.CreateScratch(), found);
        Assert.Empty(found); // a phrase needs its space; a space ends the word
    }

    [Fact]
    public void A_phrase_matches_across_any_whitespace_run_and_reports_original_offsets()
    {
        var matcher = Build("peer support");
        const string text = "Real PEER\n\t  Support helps; peersupport does not.";
        var match = Assert.Single(matcher.FindAll(text));
        Assert.Equal("PEER\n\t  Support", text.Substring(match.Start, match.Length));
    }

    [Fact]
    public void Word_boundaries_work_in_any_script()
    {
        var matcher = Build("друг", "मदद", "支持");
        Assert.Equal(["0:Друг"], Found(matcher, "Друг, друга, подруга"));

        // Devanagari vowel signs are marks, so they belong to the word: मददगार is a different word.
        Assert.Equal(["1:मदद"], Found(matcher, "मदद मददगार"));

        // Han has no spaces; a whole-word pattern inside a run of Han letters is not a word of its own.
        Assert.Equal(["2:支持"], Found(matcher, "支持 我们支持"));
    }

    [Fact]
    public void Digits_and_underscore_are_word_characters_like_ripgrep()
    {
        var matcher = Build("feel");
        Assert.Empty(matcher.FindAll("feel_good feel2 2feel"));
        Assert.Single(matcher.FindAll("(feel)"));
    }

    [Fact]
    public void Offsets_after_astral_characters_are_utf16_offsets_of_the_original()
    {
        var matcher = Build("alone");
        const string text = "😀😀 ALONE 𝒜 alone";
        Assert.Equal([5, 14], matcher.FindAll(text).Select(m => m.Start));
        Assert.All(matcher.FindAll(text), m => Assert.Equal("alone", text.Substring(m.Start, m.Length), ignoreCase: true));
    }

    [Fact]
    public void Diacritics_are_ignored_only_when_asked()
    {
        Assert.Empty(Build("cafe").FindAll("Café"));
        var match = Assert.Single(Build(new NormalizationOptions(RemoveDiacritics: true), "cafe").FindAll("a Cafe\u0301!"));
        Assert.Equal((2, 5), (match.Start, match.Length));
    }

    [Fact]
    public void Full_case_folding_matches_sharp_s_and_final_sigma()
    {
        Assert.Single(Build("strasse").FindAll("Straße"));
        Assert.Single(Build("ΟΔΟΣ").FindAll("οδος"));
    }

    [Fact]
    public void Regular_expressions_run_over_the_original_text()
    {
        var matcher = Build("re:colou?r", "grey");
        Assert.Equal(["0:Colour", "1:grey", "0:color"], Found(matcher, "Colour grey color"));
    }

    [Fact]
    public void Overlapping_patterns_all_report()
    {
        var matcher = Build("peer", "peer support", "support");
        Assert.Equal(["0:peer", "1:peer support", "2:support"], Found(matcher, "peer support"));
    }

    [Fact]
    public void The_same_text_twice_with_one_id_reports_once()
    {
        var result = PatternMatcher.Create([new(7, "feel"), new(7, "FEEL"), new(7, "feel*")]);
        Assert.Equal([new(7, 0, 4), new(7, 5, 8)], result.Value!.FindAll("feel feelings"));
    }

    [Theory]
    [InlineData("   ", "no characters left")]
    [InlineData("re:", "empty")]
    [InlineData("re:(", "Pattern 're:('")]
    [InlineData(@"re:(a)\1", "Pattern")]
    public void Bad_patterns_fail_with_a_message(string pattern, string message)
    {
        var result = PatternMatcher.Create([new(0, pattern)]);
        Assert.False(result.IsSuccess);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void IsMatch_agrees_with_FindAll()
    {
        var matcher = Build("zorblat", "quenmix*");
        var scratch = matcher.CreateScratch();
        Assert.True(matcher.IsMatch("a ZORBLAT b", scratch));
        Assert.True(matcher.IsMatch("quenmixes", scratch));
        Assert.False(matcher.IsMatch("zorblats quen mix", scratch));
    }

    [Fact]
    public void Matching_allocates_nothing_once_warm()
    {
        var matcher = Build("feel", "care*", "peer support");
        var scratch = matcher.CreateScratch();
        var results = new List<PatternMatch>(64);
        const string text = "I feel that peer  support and caring help; feel free.";
        matcher.FindAll(text, scratch, results);
        results.Clear();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            matcher.FindAll(text, scratch, results);
            results.Clear();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("abAB ß\u0301é\n_😀,", false)]
    [InlineData("abAB \t\n_,.-1", false)]
    [InlineData("abAB \t\n_,.-1", true)]
    [InlineData("ab1 -,😀", false)]
    public void Fuzz_agrees_with_a_naive_search_over_the_normalised_text(string characters, bool punctuationAsSeparator)
    {
        var random = new Random(4242);
        // Patterns that start or end with non-word characters, and words inside words, exercise the automaton's
        // anchoring at word starts (a match may start only after a non-word character).
        var words = new[] { "ab", "ba", "aß", "ss", "a b", "é", "abab", "😀a", "bb", "a_b", "a-b", "b, a", "-a", "b-", ",", "😀", "1a", "a1", "bab" };
        var alphabet = characters.ToCharArray();
        var options = new NormalizationOptions(PunctuationAsSeparator: punctuationAsSeparator);
        for (var round = 0; round < 300; round++)
        {
            var chosen = words.Where(_ => random.Next(3) == 0).Select(w => random.Next(4) == 0 ? w + "*" : w).ToArray();
            if (chosen.Length == 0 || chosen.Any(w => PatternMatcher.NormalizePattern(PatternSyntax.Classify(w).Body, options).Length == 0))
            {
                continue;
            }

            var matcher = Build(options, chosen);
            for (var t = 0; t < 20; t++)
            {
                var text = new string([.. Enumerable.Range(0, random.Next(0, 30)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
                var expected = NaiveSearch(chosen, text, options);
                var actual = matcher.FindAll(text).Select(m => (m.PatternId, m.Start, m.Length)).Order().ToList();
                Assert.True(expected.SequenceEqual(actual), $"patterns [{string.Join("|", chosen)}] text '{text}'");
            }
        }
    }

    /// <summary>Every occurrence of every normalised pattern, boundaries checked with the rules in README.md.</summary>
    private static List<(int, int, int)> NaiveSearch(string[] patterns, string text, NormalizationOptions options)
    {
        var normalized = TextNormalizer.Normalize(text, options);
        var found = new List<(int, int, int)>();
        for (var id = 0; id < patterns.Length; id++)
        {
            var (kind, body) = PatternSyntax.Classify(patterns[id]);
            var needle = PatternMatcher.NormalizePattern(body, options);
            for (var at = normalized.Text.IndexOf(needle, StringComparison.Ordinal); at >= 0;
                at = normalized.Text.IndexOf(needle, at + 1, StringComparison.Ordinal))
            {
                var end = at + needle.Length;
                var leftOk = at == 0 || !WordChars.IsWordAt(normalized.Text, at - 1);
                var rightOk = kind == PatternKind.Prefix || end == normalized.Text.Length || !WordChars.IsWordAt(normalized.Text, end);
                if (leftOk && rightOk)
                {
                    var length = kind == PatternKind.Prefix ? AhoCorasick.WordEnd(normalized.Text, end) - at : needle.Length;
                    var (s, e) = normalized.ToOriginal(at, length);
                    found.Add((id, s, e - s));
                }
            }
        }

        return [.. found.Distinct().Order()];
    }
}
