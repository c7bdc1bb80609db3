namespace Waymark.Text.Tests;

public sealed class NormalizerTests
{
    [Theory]
    [InlineData("Straße", "strasse")]
    [InlineData("STRASSE", "strasse")]
    [InlineData("ΟΔΟΣ", "οδοσ")]
    [InlineData("οδος", "οδοσ")]
    [InlineData("ﬁnd", "find")]
    [InlineData("\u212Aelvin", "kelvin")]
    [InlineData("ſun", "sun")]
    [InlineData("Hello,\t\n  World", "hello, world")]
    [InlineData("  lead", " lead")]
    public void Folds_case_and_collapses_whitespace(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input).Text);
    }

    [Fact]
    public void Precomposed_and_decomposed_forms_are_the_same_text()
    {
        Assert.Equal(TextNormalizer.Normalize("caf\u00E9").Text, TextNormalizer.Normalize("cafe\u0301").Text);
    }

    [Theory]
    [InlineData("Café Ñandú", "cafe nandu")]
    [InlineData("cafe\u0301", "cafe")]
    [InlineData("İstanbul", "istanbul")]
    [InlineData("Ἄλφα", "αλφα")]
    public void Removes_diacritics_when_asked(string input, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(input, new NormalizationOptions(RemoveDiacritics: true)).Text);
    }

    [Fact]
    public void Keeps_diacritics_by_default()
    {
        Assert.NotEqual("cafe", TextNormalizer.Normalize("café").Text);
    }

    [Fact]
    public void Punctuation_and_symbols_separate_only_when_asked()
    {
        Assert.Equal("feel,alone!", TextNormalizer.Normalize("feel,alone!").Text);
        var options = new NormalizationOptions(PunctuationAsSeparator: true);
        Assert.Equal("feel alone ", TextNormalizer.Normalize("feel, -- alone!", options).Text);
        Assert.Equal("snake_case ok", TextNormalizer.Normalize("snake_case 😀 ok", options).Text.Replace("  ", " ", StringComparison.Ordinal));
    }

    [Fact]
    public void Maps_every_character_back_to_its_source_offsets()
    {
        const string source = "A  ß\u00E9\n\ne\u0301x 😀Z";
        var normalized = TextNormalizer.Normalize(source, new NormalizationOptions(RemoveDiacritics: true));
        Assert.Equal("a sse ex 😀z", normalized.Text);

        Assert.Equal((0, 1), normalized.ToOriginal(0, 1)); // a
        Assert.Equal((1, 3), normalized.ToOriginal(1, 1)); // the two spaces
        Assert.Equal((3, 4), normalized.ToOriginal(2, 2)); // ss from ß
        Assert.Equal((4, 5), normalized.ToOriginal(4, 1)); // e from é
        Assert.Equal((7, 9), normalized.ToOriginal(6, 1)); // e with its dropped combining acute
        Assert.Equal((11, 13), normalized.ToOriginal(9, 2)); // the emoji, a surrogate pair
        Assert.Equal((13, 14), normalized.ToOriginal(11, 1)); // z
        Assert.Equal((0, source.Length), normalized.ToOriginal(0, normalized.Text.Length));
    }

    [Fact]
    public void Folds_astral_letters()
    {
        // DESERET CAPITAL LETTER LONG I (U+10400) lowercases to U+10428.
        Assert.Equal("\U00010428", TextNormalizer.Normalize("\U00010400").Text);
    }

    [Fact]
    public void Keeps_a_lone_surrogate_in_place()
    {
        var normalized = TextNormalizer.Normalize("a\uD800b");
        Assert.Equal("a\uD800b", normalized.Text);
        Assert.Equal((1, 2), normalized.ToOriginal(1, 1));
    }

    [Fact]
    public void Reuses_buffers_for_a_longer_input_after_a_shorter_one()
    {
        var normalizer = new TextNormalizer();
        Assert.Equal("ab", normalizer.Normalize("AB").Text.ToString());
        var longer = new string('ß', 5000);
        var view = normalizer.Normalize(longer);
        Assert.Equal(10000, view.Text.Length);
        Assert.Equal((4999, 5000), view.ToOriginal(9998, 2));
    }

    [Fact]
    public void Fuzz_the_offset_map_is_monotonic_and_covers_the_source()
    {
        var random = new Random(5150);
        var alphabet = "aAßẞΣςé\u0301 \t\n,.-_😀\uD83DİǅﬃÅ\u212B1٣中".ToCharArray();
        foreach (var options in new[] { default, new NormalizationOptions(true, true) })
        {
            var normalizer = new TextNormalizer(options);
            for (var round = 0; round < 2000; round++)
            {
                var chars = new char[random.Next(0, 40)];
                for (var i = 0; i < chars.Length; i++)
                {
                    chars[i] = alphabet[random.Next(alphabet.Length)];
                }

                var view = normalizer.Normalize(chars);
                Assert.Equal(chars.Length, view.Starts[^1]);
                for (var i = 1; i < view.Starts.Length; i++)
                {
                    Assert.True(view.Starts[i] >= view.Starts[i - 1], $"map goes back at {i} in round {round}");
                }

                Assert.True(view.Text.Length == 0 || view.Starts[0] >= 0);
                Assert.DoesNotContain("  ", view.Text.ToString(), StringComparison.Ordinal);
            }
        }
    }
}
