using System.Globalization;

namespace Waymark.Text.Tests;

/// <summary>The fast construction of the normaliser's tables against the straightforward one, entry by entry.</summary>
public sealed class CharTableTests
{
    /// <summary>The reference: each code unit on its own through <see cref="CaseFolding.Fold(char, bool)"/>, as the tables were first built.</summary>
    private static (CharKind[] Kinds, char[] Singles, string?[] Expansions) Reference(NormalizationOptions options)
    {
        var kinds = new CharKind[char.MaxValue + 1];
        var singles = new char[char.MaxValue + 1];
        var expansions = new string?[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c))
            {
                (kinds[i], singles[i]) = (CharKind.Surrogate, c);
            }
            else if (CharTable.IsSeparator(CharUnicodeInfo.GetUnicodeCategory(c), c, options.PunctuationAsSeparator))
            {
                (kinds[i], singles[i]) = (CharKind.Space, ' ');
            }
            else
            {
                var folded = CaseFolding.Fold(c, options.RemoveDiacritics);
                switch (folded.Length)
                {
                    case 0:
                        kinds[i] = CharKind.Drop;
                        break;
                    case 1:
                        (kinds[i], singles[i]) = (CharKind.Single, folded[0]);
                        break;
                    default:
                        (kinds[i], expansions[i]) = (CharKind.Expand, folded);
                        break;
                }
            }
        }

        return (kinds, singles, expansions);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Every_entry_equals_the_straightforward_construction(bool removeDiacritics, bool punctuationAsSeparator)
    {
        var options = new NormalizationOptions(removeDiacritics, punctuationAsSeparator);
        var table = CharTable.For(options);
        var (kinds, singles, expansions) = Reference(options);
        var differences = new List<string>();
        for (var i = 0; i <= char.MaxValue && differences.Count < 20; i++)
        {
            if (table.Kinds[i] != kinds[i] || table.Singles[i] != singles[i] || table.Expansions[i] != expansions[i]
                || table.Entries[i] != (((uint)kinds[i] << 16) | singles[i]))
            {
                differences.Add($"U+{i:X4}: {table.Kinds[i]} {(int)table.Singles[i]:X4} '{table.Expansions[i]}', expected {kinds[i]} {(int)singles[i]:X4} '{expansions[i]}'");
            }
        }

        Assert.Empty(differences);
        Assert.Equal(options, table.Options);

        // The tables are not trivially equal: each kind occurs.
        Assert.All(Enum.GetValues<CharKind>().Where(k => k != CharKind.Drop || removeDiacritics), k => Assert.Contains(k, table.Kinds));
    }

    [Fact]
    public void Word_characters_are_letters_marks_numbers_connectors_and_joiners()
    {
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            var expected = !char.IsSurrogate(c) && (WordChars.IsWord(CharUnicodeInfo.GetUnicodeCategory(c)) || c is '\u200C' or '\u200D');
            Assert.True(expected == WordChars.IsBmpWord(c), $"U+{i:X4}");
        }
    }
}
