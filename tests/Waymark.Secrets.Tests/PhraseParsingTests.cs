using System.Security.Cryptography;

namespace Waymark.Secrets.Tests;

public sealed class PhraseParsingTests
{
    private static readonly string[] Sample = ["acorn", "bagel", "cedar", "daisy", "eagle", "fable", "gecko"];

    private static string Canonical => string.Join(' ', Sample);

    [Fact]
    public void A_generated_phrase_reads_back_unchanged()
    {
        using var random = RandomNumberGenerator.Create();
        var phrase = RecoveryPhrase.Generate(RecoveryPhrase.DefaultWords, random);

        var reading = RecoveryPhrase.Parse(phrase);

        Assert.True(reading.IsSuccess);
        Assert.Equal(phrase, reading.Phrase);
    }

    [Theory]
    [InlineData("ACORN Bagel cedar DAISY eagle fable Gecko")]
    [InlineData("  acorn   bagel\tcedar\r\ndaisy eagle  fable gecko  ")]
    [InlineData("acorn-bagel-cedar-daisy-eagle-fable-gecko")]
    [InlineData("acorn – bagel — cedar, daisy. eagle_fable/gecko")]
    [InlineData("ａｃｏｒｎ bagel cedar daisy eagle fable gecko")]
    [InlineData("acorn\u00A0bagel\u200Bcedar daisy eagle fable gecko")]
    public void Case_spacing_hyphens_and_full_width_letters_do_not_matter(string typed)
    {
        var reading = RecoveryPhrase.Parse(typed);

        Assert.True(reading.IsSuccess, reading.Problem.ToString());
        Assert.Equal(Canonical, reading.Phrase);
        Assert.Equal(7, reading.WordCount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Nothing_typed_is_reported_as_empty(string? typed)
    {
        var reading = RecoveryPhrase.Parse(typed);

        Assert.False(reading.IsSuccess);
        Assert.Equal(PhraseProblem.Empty, reading.Problem);
        Assert.Null(reading.Phrase);
    }

    [Theory]
    [InlineData("acorn bagel cedar daisy eagle fable", 6)]
    [InlineData("acorn bagel cedar daisy eagle fable gecko acorn", 8)]
    [InlineData("acornbagel cedar daisy eagle fable gecko", 6)]
    public void A_missing_or_extra_word_is_reported_with_the_count(string typed, int count)
    {
        var reading = RecoveryPhrase.Parse(typed);

        Assert.Equal(PhraseProblem.WrongWordCount, reading.Problem);
        Assert.Equal(count, reading.WordCount);
    }

    [Fact]
    public void A_word_not_on_the_list_is_reported_by_position_only()
    {
        var reading = RecoveryPhrase.Parse("acorn bagel cedar zorblat eagle fable gecko");

        Assert.Equal(PhraseProblem.UnknownWord, reading.Problem);
        Assert.Equal(4, reading.UnknownWordPosition);
        Assert.Null(reading.Phrase);
    }

    [Fact]
    public void A_lone_surrogate_is_an_unknown_word_not_a_crash()
    {
        var reading = RecoveryPhrase.Parse("acorn bagel cedar da\uD800isy eagle fable gecko");

        Assert.Equal(PhraseProblem.UnknownWord, reading.Problem);
        Assert.Equal(4, reading.UnknownWordPosition);
    }

    [Fact]
    public void Very_long_input_is_refused_cheaply()
    {
        var reading = RecoveryPhrase.Parse(string.Concat(Enumerable.Repeat("acorn ", 1000)));

        Assert.Equal(PhraseProblem.WrongWordCount, reading.Problem);
    }

    [Fact]
    public void The_expected_length_is_a_parameter()
    {
        Assert.True(RecoveryPhrase.Parse("acorn bagel cedar daisy", expectedWords: 4).IsSuccess);
        Assert.Equal(PhraseProblem.WrongWordCount, RecoveryPhrase.Parse(Canonical, expectedWords: 4).Problem);
    }

    [Fact]
    public void Random_input_never_throws_and_a_success_is_canonical()
    {
        // Seeded fuzz: mutations of a valid phrase and random Unicode; bounded to a fixed number of cases.
        var random = new Random(4242);
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCXYZ -–_.,;:/\t\n\u00A0\u200B\u0301ｅéß\uD83D\uDE00İı\0";
        for (var i = 0; i < 20_000; i++)
        {
            var typed = i % 2 == 0 ? Mutate(Canonical, random, alphabet) : RandomText(random, alphabet);

            var reading = RecoveryPhrase.Parse(typed);

            if (reading.IsSuccess)
            {
                Assert.Matches("^[a-z]{4,5}( [a-z]{4,5}){6}$", reading.Phrase!);
                Assert.Equal(reading.Phrase, RecoveryPhrase.Parse(reading.Phrase).Phrase);
            }
            else
            {
                Assert.NotEqual(PhraseProblem.None, reading.Problem);
            }
        }
    }

    private static string Mutate(string text, Random random, string alphabet)
    {
        var characters = text.ToList();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(characters.Count);
            switch (random.Next(3))
            {
                case 0: characters.RemoveAt(at); break;
                case 1: characters.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                default: characters[at] = char.ToUpperInvariant(characters[at]); break;
            }
        }

        return new string([.. characters]);
    }

    private static string RandomText(Random random, string alphabet) =>
        new([.. Enumerable.Range(0, random.Next(0, 80)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
}
