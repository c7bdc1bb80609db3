namespace Waymark.Secrets.Tests;

/// <summary>
/// Retiring a word (docs/adr/0031): a reviewer can take a word out of use without making any issued phrase unreadable.
/// A retired word is never drawn again, still read, and the list's phrase length counts only the words still drawn.
/// </summary>
public sealed class RetiredWordTests
{
    private static readonly string[] Words = [.. Enumerable.Range(0, 1500).Select(Name)];

    [Fact]
    public void A_retired_word_is_never_drawn_but_still_reads()
    {
        var list = WordList.Create("xx", Words, [Words[0], Words[700], Words[1499]]);

        Assert.Equal(1500, list.Words.Count);
        Assert.Equal(1497, list.Drawn.Count);
        Assert.Equal(3, list.RetiredCount);
        using var random = new SeededRandom(14);
        var drawn = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 5_000; i++)
        {
            drawn.UnionWith(RecoveryPhrase.Generate(list, random).Split(' '));
        }

        // 40,000 draws over 1497 words reach every drawn word (the chance of missing one is below 10^-10) and no retired one.
        Assert.Equal(1497, drawn.Count);
        Assert.DoesNotContain(Words[0], drawn);
        Assert.DoesNotContain(Words[700], drawn);
        Assert.DoesNotContain(Words[1499], drawn);
        Assert.Equal(Words[700], list.Canonical(Words[700]));
        Assert.Equal(Words[700], list.Canonical(Words[700].ToUpperInvariant().ToLowerInvariant()));
    }

    [Fact]
    public void The_phrase_length_counts_only_the_words_still_drawn()
    {
        Assert.Equal(8, WordList.Create("xx", Words, []).PhraseWords);
        // 1500 words less 52 retired leaves 1448: 8 words would give 83.99 bits, so the phrase needs a ninth word. The
        // list test keeps every shipped list at 1449 or more drawn words, so a reviewer retiring words adds others.
        Assert.Equal(9, WordList.Create("xx", Words, Words.Take(52)).PhraseWords);
        Assert.Equal(8, WordList.Create("xx", Words, Words.Take(51)).PhraseWords);
    }

    [Fact]
    public void The_retired_file_names_language_word_and_why_and_only_listed_words()
    {
        var retired = WordList.ParseRetired("# comment\nde\tDolch\tleft out late\n\nru\tёлка\treview 2027-01-02\n");
        Assert.Equal([("de", "dolch"), ("ru", "ёлка")], retired);
        Assert.Throws<InvalidOperationException>(() => WordList.ParseRetired("de\tDolch\n"));
        Assert.Throws<InvalidOperationException>(() => WordList.Create("xx", Words, ["notaword"]));

        // The shipped retired.tsv loads: every word it names is in its language's list (the loader refuses others).
        Assert.All(WordList.All, list => Assert.Equal(list.Words.Count - list.RetiredCount, list.Drawn.Count));
    }

    private static string Name(int number)
    {
        // Distinct pronounceable placeholder words: consonant-vowel pairs from the number's digits in base 100.
        const string consonants = "bdfgklmnprstvz";
        const string vowels = "aeiou";
        var syllables = new List<string>();
        for (var n = number + 100; n > 0; n /= consonants.Length * vowels.Length)
        {
            var digit = n % (consonants.Length * vowels.Length);
            syllables.Add($"{consonants[digit / vowels.Length]}{vowels[digit % vowels.Length]}");
        }

        return string.Concat(syllables);
    }
}
