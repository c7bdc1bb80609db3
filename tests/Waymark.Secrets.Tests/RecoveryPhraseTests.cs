namespace Waymark.Secrets.Tests;

public sealed class RecoveryPhraseTests
{
    [Fact]
    public void The_default_phrase_carries_at_least_80_bits()
    {
        Assert.Equal(12, RecoveryPhrase.BitsPerWord);
        Assert.Equal(84, RecoveryPhrase.EntropyBits(RecoveryPhrase.DefaultWords));
        Assert.True(RecoveryPhrase.EntropyBits(RecoveryPhrase.DefaultWords) >= 80);
        Assert.Equal(RecoveryPhrase.BitsPerWord, Math.Log2(WordList.Size));
    }

    [Theory]
    [InlineData(80, 7)]
    [InlineData(84, 7)]
    [InlineData(85, 8)]
    [InlineData(128, 11)]
    [InlineData(0, 0)]
    public void Words_for_bits_rounds_up(int bits, int words)
    {
        Assert.Equal(words, RecoveryPhrase.WordsForBits(bits));
    }

    [Fact]
    public void A_generated_phrase_has_the_requested_number_of_listed_words()
    {
        using var random = new SeededRandom(7);

        var phrase = RecoveryPhrase.Generate(9, random);

        var words = phrase.Split(' ');
        Assert.Equal(9, words.Length);
        Assert.All(words, word => Assert.True(WordList.Instance.Contains(word), word));
    }

    [Fact]
    public void Bytes_map_to_words_by_their_low_12_bits()
    {
        // 0x00 0x00 -> 0; 0x0F 0xFF -> 4095; 0xF0 0x01 -> 1 (the high 4 bits are masked away).
        using var random = new FixedBytes(0x00, 0x00, 0x0F, 0xFF, 0xF0, 0x01, 0x08, 0x00);
        var list = WordList.Instance.Words;

        var phrase = RecoveryPhrase.Generate(4, random);

        Assert.Equal(string.Join(' ', list[0], list[4095], list[1], list[2048]), phrase);
    }

    [Fact]
    public void Generated_words_are_uniform_over_the_list()
    {
        // 409,600 words from a seeded source: a chi-square test over 4096 cells with 4095 degrees of
        // freedom; the 0.999 quantile is about 4388. A biased mapping (modulo of a non-power of two,
        // a lost bit) fails by far.
        using var random = new SeededRandom(20261127);
        var counts = new int[WordList.Size];
        var index = WordList.Instance.Words.Select((word, position) => (word, position))
            .ToDictionary(entry => entry.word, entry => entry.position, StringComparer.Ordinal);
        for (var i = 0; i < 409_600 / 16; i++)
        {
            foreach (var word in RecoveryPhrase.Generate(16, random).Split(' '))
            {
                counts[index[word]]++;
            }
        }

        const double expected = 100.0;
        var chiSquare = counts.Sum(count => (count - expected) * (count - expected) / expected);
        Assert.InRange(chiSquare, 3700, 4388);
    }

    [Fact]
    public void Two_system_generated_phrases_differ()
    {
        Assert.NotEqual(RecoveryPhrase.Generate(), RecoveryPhrase.Generate());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(25)]
    public void A_length_out_of_range_is_a_programming_error(int words)
    {
        using var random = new SeededRandom(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => RecoveryPhrase.Generate(words, random));
    }
}
