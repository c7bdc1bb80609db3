using System.Security.Cryptography;
using System.Text;

namespace Waymark.Secrets.Tests;

/// <summary>Phrases in the reader's language (docs/adr/0031): BIP-39's lists, read in any language, old phrases unchanged.</summary>
public sealed class LanguageListTests
{
    private static readonly string[] SiteLanguages =
        ["en", "ar", "bs", "de", "el", "es", "fa", "fi", "fr", "hi", "hr", "it", "ja", "ne", "nl", "pl", "pt", "ru", "sr", "sv", "ta", "uk", "zh-hans", "zh-hant"];

    // Git blob ids of bip-0039/{spanish,french,italian,japanese,portuguese,chinese_simplified,chinese_traditional}.txt in
    // github.com/bitcoin/bips at 7fe0b034ec967b52a5a28276419117326df93263 (git ls-tree): the files ship unchanged.
    [Theory]
    [InlineData("es", "fdbc23c73a660f180b0369ad375c1c2a8faf5049")]
    [InlineData("fr", "1d749904f2eb805d9e554066816cd6cf0856c990")]
    [InlineData("it", "c47370f4eee3ffede6b4aaa9ebba3e5c05afab33")]
    [InlineData("ja", "fb8501a6ede7dc7744e5fda05f3bd6b357acc13c")]
    [InlineData("pt", "4a89105506c66c3926e6218dc0b9939a6c8e1746")]
    [InlineData("zh-hans", "b90f1ed85b2a90855a82f12cb9d83124724cff5f")]
    [InlineData("zh-hant", "9b02047921eee8f1c669c87c461c61fa23a5d488")]
    public void The_shipped_lists_are_BIP39s_bytes(string language, string gitBlobId)
    {
        Assert.Equal(gitBlobId, GitBlobIdOf($"Waymark.Secrets.bip39.{language}.txt"));
    }

    // Git blob ids of src/mnemonics/{german,dutch,russian}.h in github.com/monero-project/monero at
    // 0aa9c51bd8eb53abb0a7023b5c768d9b46ee18a0 (git ls-tree): the headers ship unchanged.
    [Theory]
    [InlineData("de", "cb763c1e4ae4fe8516985732f0109d0a92253ba5")]
    [InlineData("nl", "89cde3918341a9a5926212a724acc7a054a10574")]
    [InlineData("ru", "c1ad1e85f13c43904f32d5bde2e7d4961b215dc7")]
    public void The_shipped_Monero_lists_are_Moneros_bytes(string language, string gitBlobId)
    {
        Assert.Equal(gitBlobId, GitBlobIdOf($"Waymark.Secrets.monero.{language}.h"));
    }

    /// <summary>The Git blob id (SHA-1 of "blob {length}\0" and the bytes) of an embedded resource.</summary>
    private static string GitBlobIdOf(string resource)
    {
        using var stream = typeof(RecoveryPhrase).Assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        var blob = Encoding.ASCII.GetBytes($"blob {bytes.Length}\0").Concat(bytes).ToArray();

#pragma warning disable CA5350 // Git names a blob by its SHA-1; this compares with that name, it protects nothing.
        return Convert.ToHexStringLower(SHA1.HashData(blob));
#pragma warning restore CA5350
    }

    [Fact]
    public void Every_list_gives_a_phrase_of_at_least_84_bits()
    {
        Assert.Equal(["en", "es", "fr", "it", "pt", "ja", "zh-hans", "zh-hant", "de", "nl", "ru", .. WordList.DraftLanguages], RecoveryPhrase.ListLanguages);
        foreach (var list in WordList.All)
        {
            Assert.True(list.PhraseWords * list.BitsPerListWord >= RecoveryPhrase.MinimumBits, $"{list.Language}: {list.PhraseWords} × {list.BitsPerListWord:F2} bits");
            Assert.Equal(list.Language == "en" ? 7 : 8, list.PhraseWords);
            var (fewest, most) = list.Source switch
            {
                WordListSource.Scowl => (4096, 4096),
                WordListSource.Bip39 => (1900, 2048 - 20),
                WordListSource.Monero => (1449, 1626 - 100),
                _ => (1449, 4096),
            };
            Assert.InRange(list.Drawn.Count, fewest, most);
        }

        Assert.Equal(84, RecoveryPhrase.MinimumBits);
    }

    [Theory]
    [InlineData("es", "abuso")]
    [InlineData("es", "niño")]
    [InlineData("fr", "couteau")]
    [InlineData("it", "bambino")]
    [InlineData("pt", "sangue")]
    [InlineData("ja", "へんたい")]
    [InlineData("zh-hans", "死")]
    [InlineData("zh-hant", "殺")]
    [InlineData("de", "Dolch")]
    [InlineData("nl", "drug")]
    [InlineData("ru", "ребенок")]
    [InlineData("fi", "kuula")]
    [InlineData("ar", "خنزير")]
    [InlineData("fa", "گوشت")]
    public void Distressing_words_are_left_out_of_every_list(string language, string word)
    {
        Assert.False(WordList.For(language).Contains(word.ToLowerInvariant()));
        Assert.Equal(PhraseProblem.UnknownWord, RecoveryPhrase.ParseAnyList(string.Join(' ', Enumerable.Repeat(word, 8)), language).Problem);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void A_phrase_given_in_a_language_opens_from_the_pages_of_every_language(string language)
    {
        using var random = new SeededRandom(1000 + Array.IndexOf(SiteLanguages, language));
        for (var i = 0; i < 20; i++)
        {
            var phrase = RecoveryPhrase.Generate(language, random);
            Assert.Equal(RecoveryPhrase.WordsFor(language), phrase.Split(' ').Length);
            Assert.All(phrase.Split(' '), word => Assert.True(WordList.For(language).Contains(word)));
            foreach (var reader in SiteLanguages)
            {
                var reading = RecoveryPhrase.ParseAnyList(phrase, reader);
                Assert.True(reading.IsSuccess, $"{language} phrase on the {reader} pages: {reading.Problem}");
                Assert.Equal(phrase, reading.Phrase);
            }
        }
    }

    public static TheoryData<string> Languages() => [.. SiteLanguages];

    [Fact]
    public void A_language_without_a_list_of_its_own_is_given_English_words()
    {
        Assert.Equal("en", RecoveryPhrase.WordsLanguage("xx"));
        Assert.Equal("en", RecoveryPhrase.WordsLanguage(null));
        Assert.Equal("zh-hans", RecoveryPhrase.WordsLanguage("zh-Hans"));
        Assert.Equal(7, RecoveryPhrase.Generate("xx", new SeededRandom(1)).Split(' ').Length);
        Assert.Equal(8, RecoveryPhrase.Generate("de", new SeededRandom(1)).Split(' ').Length);
    }

    [Fact]
    public void A_phrase_issued_before_the_other_lists_reads_to_the_same_canonical_phrase_everywhere()
    {
        // The key is derived from the canonical phrase, so the same string means the same vault.
        using var random = new SeededRandom(20261207);
        for (var i = 0; i < 200; i++)
        {
            var old = RecoveryPhrase.Generate(RecoveryPhrase.DefaultWords, random);
            var before = RecoveryPhrase.Parse(old.ToUpperInvariant().Replace(' ', '-'));
            foreach (var reader in SiteLanguages)
            {
                var now = RecoveryPhrase.ParseAnyList(old.ToUpperInvariant().Replace(' ', '-'), reader);
                Assert.True(now.IsSuccess);
                Assert.Equal(before.Phrase, now.Phrase);
            }
        }

        Assert.Equal("acorn bagel cedar daisy eagle fable gecko", RecoveryPhrase.ParseAnyList("Acorn BAGEL cedar daisy eagle fable gecko", "ja").Phrase);
    }

    [Fact]
    public void Spanish_and_French_words_may_be_typed_without_accents_and_Chinese_without_spaces()
    {
        var spanish = WordList.For("es").Words.Where(word => word.Any(character => character > 'z')).Take(8).ToArray();
        var typed = string.Join(' ', spanish).ToUpperInvariant().Replace('Á', 'A').Replace('É', 'E').Replace('Í', 'I').Replace('Ó', 'O').Replace('Ú', 'U').Replace('Ñ', 'N');
        Assert.DoesNotContain(typed, character => character > 'Z' && character != ' ');
        Assert.Equal(string.Join(' ', spanish).Normalize(NormalizationForm.FormKC), RecoveryPhrase.ParseAnyList(typed, "en").Phrase);

        var french = WordList.For("fr").Words.Where(word => word.Contains('é', StringComparison.Ordinal)).Take(8).ToArray();
        Assert.Equal(string.Join(' ', french), RecoveryPhrase.ParseAnyList(string.Join(' ', french).Replace('é', 'e'), "fr").Phrase);

        var chinese = WordList.For("zh-hans").Words.Skip(100).Take(8).ToArray();
        Assert.Equal(string.Join(' ', chinese), RecoveryPhrase.ParseAnyList(string.Concat(chinese), "en").Phrase);
        Assert.Equal(string.Join(' ', chinese), RecoveryPhrase.ParseAnyList(string.Join('\u3000', chinese), "en").Phrase);

        var japanese = WordList.For("ja").Words.Skip(300).Take(8).ToArray();
        Assert.Equal(string.Join(' ', japanese), RecoveryPhrase.ParseAnyList(string.Join('\u3000', japanese), "de").Phrase);
        // BIP-39's Japanese file stores its voiced kana decomposed; typed text is usually composed. Both read alike.
        Assert.Equal(string.Join(' ', japanese), RecoveryPhrase.ParseAnyList(string.Join(' ', japanese).Normalize(NormalizationForm.FormD), "de").Phrase);
    }

    [Fact]
    public void Problems_are_reported_against_the_list_the_words_come_from()
    {
        var spanish = WordList.For("es").Words.Take(8).ToArray();

        var short1 = RecoveryPhrase.ParseAnyList(string.Join(' ', spanish.Take(7)), "en");
        Assert.Equal(PhraseProblem.WrongWordCount, short1.Problem);
        Assert.Equal(7, short1.WordCount);
        Assert.Equal(8, short1.ExpectedWords);

        var typo = RecoveryPhrase.ParseAnyList(string.Join(' ', spanish.Take(5).Append("zorblat").Concat(spanish.Skip(6))), "en");
        Assert.Equal(PhraseProblem.UnknownWord, typo.Problem);
        Assert.Equal(6, typo.UnknownWordPosition);
        Assert.Null(typo.Phrase);

        var nothingKnown = RecoveryPhrase.ParseAnyList("zorblat zorblat", "es");
        Assert.Equal(PhraseProblem.WrongWordCount, nothingKnown.Problem);
        Assert.Equal(8, nothingKnown.ExpectedWords);
        Assert.Equal(7, RecoveryPhrase.ParseAnyList("zorblat zorblat", "xx").ExpectedWords);
        Assert.Equal(PhraseProblem.Empty, RecoveryPhrase.ParseAnyList(" \n", "es").Problem);
    }

    [Fact]
    public void Words_of_a_list_smaller_than_a_power_of_two_are_drawn_uniformly()
    {
        // 30,000 Spanish phrases (240,000 words) over the list: chi-square with (n - 1) degrees of freedom stays below
        // its 0.999 quantile (about n + 3.09 √(2n)); a modulo mapping of 11 bits onto fewer words would fail by far.
        var list = WordList.For("es");
        var index = list.Words.Select((word, position) => (word, position)).ToDictionary(entry => entry.word, entry => entry.position, StringComparer.Ordinal);
        var counts = new int[list.Words.Count];
        using var random = new SeededRandom(7);
        for (var i = 0; i < 30_000; i++)
        {
            foreach (var word in RecoveryPhrase.Generate("es", random).Split(' '))
            {
                counts[index[word]]++;
            }
        }

        var expected = 240_000.0 / counts.Length;
        var chiSquare = counts.Sum(count => (count - expected) * (count - expected) / expected);
        var n = counts.Length - 1;
        Assert.InRange(chiSquare, n - (3.09 * Math.Sqrt(2.0 * n)), n + (3.09 * Math.Sqrt(2.0 * n)));
    }
}
