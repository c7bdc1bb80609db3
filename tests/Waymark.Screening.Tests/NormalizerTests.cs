using Waymark.Screening.Normalization;

namespace Waymark.Screening.Tests;

/// <summary>The screening pipeline on placeholder words: each obfuscation folds back to the plain form.</summary>
public sealed class NormalizerTests
{
    private static readonly ScreeningNormalizer Normalizer = ScreeningNormalizer.CreateDefault();

    [Theory]
    [InlineData("Zorblat", "zorblat")]
    [InlineData("ZORBLAT", "zorblat")]
    [InlineData("zörblät", "zorblat")] // diacritics
    [InlineData("zo\u0308rbla\u0301t", "zorblat")] // decomposed diacritics
    [InlineData("zor\u200Bbl\u00ADat", "zorblat")] // zero-width space, soft hyphen
    [InlineData("zor\u202Ebl\u2066at\uFE0F", "zorblat")] // bidi controls, variation selector
    [InlineData("z o r b l a t", "zorblat")] // spaced letters
    [InlineData("z.o.r.b.l.a.t", "zorblat")]
    [InlineData("z-o-r-b-l-a-t", "zorblat")]
    [InlineData("zooorrrrbllllat", "zorblat")] // repeats
    [InlineData("ｚｏｒｂｌａｔ", "zorblat")] // fullwidth (NFKC)
    [InlineData("z\u043Erbl\u0430t", "zorblat")] // Cyrillic о and а
    [InlineData("Straße", "strase")] // full case folding: ß → ss, then the repeat collapses
    [InlineData("  hello,   world!! ", "helo world")]
    public void Obfuscations_fold_to_one_candidate(string text, string expected)
    {
        Assert.Contains(expected, Normalizer.Normalize(text));
    }

    [Theory]
    [InlineData("z0rbl4t", "zorblat")]
    [InlineData("zorb1at", "zorblat")] // 1 as l
    [InlineData("qu3nm1x", "quenrnix")] // 1 as i; m is rn in the TR39 skeleton
    [InlineData("zorbIat", "zorblat")] // capital I as l
    [InlineData("z@rbl@t", "zarblat")]
    [InlineData("$orblat", "sorblat")]
    [InlineData("zorblat!", "zorblat")] // a symbol may be plain punctuation
    public void Leetspeak_readings_are_candidates(string text, string expected)
    {
        Assert.Contains(expected, Normalizer.Normalize(text));
    }

    [Theory]
    [InlineData("zor-blat", "zor blat", "zorblat")] // punctuation inside a word: a break and a join
    [InlineData("don't stop", "don t stop", "dont stop")]
    [InlineData("new zor\u00A0blat", "new zor blat", "new zorblat")] // only U+0020 keeps words apart in the joined reading
    [InlineData("zor%bl\u2122at", "zor bltrnat", "zorblat")] // symbols are deleted too, even those NFKC makes letters
    [InlineData("zorblat2025", "zorblat2025", "zorblat 2025")] // digits glued to a word are also a number of their own
    [InlineData("18zorblat", "18zorblat", "18 zorblat")]
    [InlineData("a z o r b l a t", "azorblat", "a\tz\to\tr\tb\tl\ta\tt")] // a run of single letters, also spelt out
    [InlineData("z o o r b", "zorb", "z\to\tr\tb")]
    public void Words_have_more_than_one_reading(string text, string first, string other)
    {
        var candidates = Normalizer.Normalize(text);
        Assert.Equal(first, candidates[0]);
        Assert.Contains(other, candidates);
    }

    [Theory]
    [InlineData("zorbla\u0442", "zorblat")] // Cyrillic te: a small capital T, not in TR39 as t
    [InlineData("\u043Auenmix", "kuenrnix")] // Cyrillic ka is k: the word mixes scripts
    [InlineData("zor\u0432lat", "zorblat")] // Cyrillic ve looks like a small capital B
    [InlineData("zorbla\u03C4", "zorblat")] // Greek tau
    [InlineData("zorbla\u1D1B", "zorblat")] // Latin small capital T
    [InlineData("zorb\u2C92at", "zorblat")] // Coptic capital iauda: "l" by its TR39 skeleton, "i" by the table
    [InlineData("zorb\u2C92at", "zorbiat")]
    [InlineData("zorblat\u03F9", "zorblatc")] // Greek capital lunate sigma: a C, though NFKC makes it a capital sigma
    [InlineData("\u03F9ZORBLAT", "czorblat")]
    [InlineData("zorblat\u03F2", "zorblatc")] // the small lunate sigma, which NFKC makes a final sigma
    public void Look_alikes_beyond_TR39_fold_in_words_that_mix_scripts(string text, string expected)
    {
        Assert.Contains(expected, Normalizer.Normalize(text));
    }

    [Fact]
    public void A_look_alike_beyond_TR39_keeps_every_ASCII_reading_the_letter_already_had()
    {
        // In a word that mixes scripts the supplementary table's letters replace the fold: they must add
        // readings, never lose one that TR39 and case folding gave (else a query caught before is missed).
        var table = new FoldTable(UnicodeData.Load());
        var lost = new List<string>();
        for (var codePoint = 0x80; codePoint < 0x30000; codePoint++)
        {
            if (codePoint is >= 0xD800 and <= 0xDFFF
                || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(codePoint) == System.Globalization.UnicodeCategory.OtherNotAssigned
                || table[codePoint] is not { LookAlike: { } lookAlike } entry)
            {
                continue;
            }

            var ascii = new[] { entry.Text, entry.Literal }.Concat(entry.Readings ?? [])
                .Where(r => r.Length > 0 && r.All(char.IsAsciiLetterLower));
            lost.AddRange(ascii.Except(lookAlike).Select(r => $"U+{codePoint:X4} {r}"));
        }

        Assert.Empty(lost);
    }

    [Fact]
    public void A_letter_kept_from_whole_text_NFKC_still_has_its_NFKC_reading()
    {
        // The capital lunate sigma is left out of whole-text NFKC so that its shape survives; its NFKC form
        // (a sigma) must still be read as it was, alone and in a Greek word.
        Assert.Equal(Normalizer.Normalize("\u03A3\u03BF\u03C6\u03AF\u03B1"), Normalizer.Normalize("\u03F9\u03BF\u03C6\u03AF\u03B1"));
        Assert.Contains(0x03F9, new FoldTable(UnicodeData.Load()).ShapeLostInCompatibility);
    }

    [Theory]
    [InlineData("\u043A\u043E\u0442", "kot")] // Russian: no Latin letter, nothing folded beyond TR39
    [InlineData("\u03C4\u03B1\u03BA\u03C4\u03B9\u03BA\u03AE", "taktikh")] // Greek
    public void Words_of_one_other_script_are_not_folded_beyond_TR39(string text, string folded)
    {
        Assert.DoesNotContain(folded, Normalizer.Normalize(text));
    }

    [Fact]
    public void Face_value_comes_first_and_numbers_stay_numbers()
    {
        Assert.Equal(["2024 news"], Normalizer.Normalize("2024 news"));
        Assert.Equal("zorb1at", Normalizer.Normalize("zorb1at")[0]);
    }

    [Theory]
    [InlineData("11th", "11th")]
    [InlineData("the 3rd 1990s", "the 3rd 1990s")]
    public void Ordinals_and_decades_stay_numbers(string text, string expected)
    {
        Assert.Equal([expected], Normalizer.Normalize(text));
    }

    [Theory]
    [InlineData("wonbr\U000118A6lly", "wonbrely")] // Warang Citi capital II looks like E, folds to a 7 by case
    [InlineData("f\u037Aber", "fiber")] // Greek ypogegrammeni: NFKC would split the word
    [InlineData("\U0001D71Dell", "bel")] // mathematical capital beta: "ss" by case, "b" by shape
    [InlineData("quenmmmix", "quenrnix")] // m is rn in the skeleton; the repeat still collapses
    public void Look_alikes_read_by_shape_are_candidates(string text, string expected)
    {
        Assert.Contains(expected, Normalizer.Normalize(text));
    }

    [Theory]
    [InlineData("abcmnrsxyzAMRZ  .,-_'?/", 10_000)]
    [InlineData("abilmnrsIILZ  .,-_'?/", 10_000)] // capital I: "i" by case, "l" by shape
    [InlineData("abilIZ 0147  .,-'", 2_000)] // words of digits only stay on the fast path; digits inside words do not
    public void The_ascii_fast_path_gives_what_the_full_pipeline_gives(string alphabet, int fastAtLeast)
    {
        var random = new Random(1127);
        var fast = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(0, 30)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            if (Normalizer.TryNormalizeFast(text) is { } candidates)
            {
                fast++;
                Assert.Equal(Normalizer.NormalizeGeneral(text), candidates);
            }
        }

        Assert.True(fast > fastAtLeast, $"the fast path ran {fast} times");
    }

    [Fact]
    public void Two_single_letters_are_not_joined()
    {
        Assert.Equal(["vitarnin b c"], Normalizer.Normalize("vitamin b c"));
    }

    [Fact]
    public void Candidates_are_capped()
    {
        Assert.InRange(Normalizer.Normalize("1111 1l1l 1|1| 6666 zz").Count, 1, ScreeningNormalizer.MaxCandidates + 1);
        Assert.InRange(Normalizer.Normalize("a-1 b 2 c 3 d1l1l 1|1| 6666zz").Count, 1, 4 * (ScreeningNormalizer.MaxCandidates + 1));
    }

    [Fact]
    public void Empty_and_hostile_text_folds_to_nothing_without_failing()
    {
        Assert.Equal([""], Normalizer.Normalize(""));
        Assert.Equal([""], Normalizer.Normalize("\u200B\u200C\uFEFF"));
        Assert.Single(Normalizer.Normalize("\uD800zorblat")); // lone surrogate
    }

    [Fact]
    public void Seeded_fuzz_never_throws_and_is_idempotent_on_its_output()
    {
        var random = new Random(4711);
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 24)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = (char)(random.Next(4) == 0 ? random.Next(0x20, 0x7F) : random.Next(0, 0xFFFF));
            }

            var candidates = Normalizer.Normalize(new string(chars));
            Assert.NotEmpty(candidates);
            foreach (var candidate in candidates)
            {
                Assert.DoesNotContain("  ", candidate, StringComparison.Ordinal);
            }
        }
    }
}
