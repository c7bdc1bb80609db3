using System.Text;
using Xunit.Abstractions;

namespace Waymark.Secrets.Tests;

/// <summary>
/// Any phrase opens from any page (docs/adr/0031) with every list loaded: a phrase typed as shown reads to itself, a phrase
/// typed as a person would type it (capitals, no accents, another keyboard's letters) to the same canonical string, and the
/// chance that a folded phrase reads in another list to another string stays negligible. What parsing costs is measured in
/// bench/Waymark.SelfHelp.Bench, against the key derivation that follows it.
/// </summary>
public sealed class ReadingAcrossListsTests(ITestOutputHelper output)
{
    [Fact]
    public void Generated_phrases_typed_as_shown_or_folded_read_to_their_own_canonical_string()
    {
        using var random = new SeededRandom(31);
        foreach (var list in WordList.All)
        {
            for (var i = 0; i < 300; i++)
            {
                var phrase = RecoveryPhrase.Generate(list.Language, random);
                Assert.Equal(phrase, RecoveryPhrase.ParseAnyList(phrase, "en").Phrase);
                var typed = TypedPhrases.AsTyped(phrase, i);
                var reading = RecoveryPhrase.ParseAnyList(typed, list.Language);
                Assert.True(phrase == reading.Phrase, $"{list.Language}: \"{typed}\" read as \"{reading.Phrase}\" ({reading.Problem}), not \"{phrase}\"");
            }
        }
    }

    [Fact]
    public void A_folded_phrase_reads_in_another_list_to_another_string_with_negligible_probability()
    {
        // For lists A (tried first) and B: the share of B's words that A reads, once folded, as a different word. A phrase of
        // B typed folded is read by A only if all its words are such words; typed as shown it always reads in B (exact first).
        var worst = 0.0;
        var lists = WordList.All;
        for (var a = 0; a < lists.Count; a++)
        {
            for (var b = a + 1; b < lists.Count; b++)
            {
                var (first, second) = (lists[a], lists[b]);
                if (first.PhraseWords != second.PhraseWords)
                {
                    continue;
                }

                var shared = second.Words.Count(word => first.Canonical(PhraseFolding.Fold(word)) is { } other && other != word);
                var probability = Math.Pow((double)shared / second.Drawn.Count, second.PhraseWords);
                worst = Math.Max(worst, probability);
                Assert.True(probability < 1e-12, $"{second.Language} phrases folded read as {first.Language} with probability {probability:E2} ({shared} words)");
            }
        }

        output.WriteLine(FormattableString.Invariant($"worst pair: {worst:E2}"));
    }

    [Theory]
    [InlineData("de", "Fußbad", "fussbad")]
    [InlineData("de", "Ablösung", "ABLOSUNG")]
    [InlineData("ru", "зеленый", "ЗЕЛЁНЫЙ")]
    [InlineData("ru", "ежевика", "ёжевика")]
    [InlineData("fa", "ارکیده", "اركيده")] // Persian typed on an Arabic keyboard: kaf and yeh
    [InlineData("ar", "أبجدية", "ابجديه")] // without hamza, teh marbuta as heh
    [InlineData("ar", "أحصى", "احصي")] // alef maksura as yeh
    [InlineData("ar", "أبجدية", "أَبْجَدِيَّة")] // with harakat
    [InlineData("fi", "aakkoset", "AAKKOSET")]
    public void A_word_reads_as_a_person_types_it(string language, string listed, string typed)
    {
        var list = WordList.For(language);
        var word = listed.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        Assert.True(list.Contains(word), $"{word} should be in the {language} list");
        var phrase = string.Join(' ', list.Drawn.Take(7).Prepend(word));
        var typedPhrase = string.Join(' ', list.Drawn.Take(7).Prepend(typed));
        Assert.Equal(phrase, RecoveryPhrase.ParseAnyList(typedPhrase, "en").Phrase);
    }

    [Fact]
    public void Joiners_are_ignored_and_the_scripts_own_punctuation_separates_words()
    {
        var words = WordList.For("ru").Drawn.Skip(40).Take(8).ToArray();
        var phrase = string.Join(' ', words);
        Assert.Equal(phrase, RecoveryPhrase.ParseAnyList(string.Join('\u060C', words), "ar").Phrase);
        Assert.Equal(phrase, RecoveryPhrase.ParseAnyList(string.Join("\u0964 ", words), "hi").Phrase);
        Assert.Equal(phrase, RecoveryPhrase.ParseAnyList(string.Join(' ', words.Select(word => word[..1] + '\u200C' + word[1..])), "fa").Phrase);
        Assert.Equal(phrase, RecoveryPhrase.ParseAnyList(string.Join(' ', words.Select(word => word[..1] + '\u00AD' + word[1..])), "ru").Phrase);
    }
}
