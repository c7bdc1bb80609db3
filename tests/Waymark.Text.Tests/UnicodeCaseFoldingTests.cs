using System.Text;

namespace Waymark.Text.Tests;

/// <summary>The one case-folding table (Unicode's CaseFolding.txt) and content analysis's folds agree with it everywhere.</summary>
public sealed class UnicodeCaseFoldingTests
{
    [Fact]
    public void The_table_is_unicode_full_case_folding()
    {
        Assert.True(UnicodeCaseFolding.Table.Count > 1400, $"{UnicodeCaseFolding.Table.Count} folds");
        Assert.Equal("ss", UnicodeCaseFolding.Fold('ß'));
        Assert.Equal("ss", UnicodeCaseFolding.Fold('ẞ'));
        Assert.Equal("σ", UnicodeCaseFolding.Fold('ς'));
        Assert.Equal("i\u0307", UnicodeCaseFolding.Fold('İ'));
        Assert.Equal("ё", UnicodeCaseFolding.Fold('Ё'));
        Assert.Null(UnicodeCaseFolding.Fold('a'));
        Assert.Equal("𐐨", UnicodeCaseFolding.Fold(0x10400)); // Deseret: an astral fold
    }

    [Fact]
    public void Content_analysis_folds_every_character_as_the_table_does()
    {
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            var expected = (UnicodeCaseFolding.Fold(c) ?? c.ToString()).Normalize(NormalizationForm.FormD);
            Assert.True(string.Equals(expected, CaseFolding.Fold(c, removeDiacritics: false), StringComparison.Ordinal), $"U+{i:X4}");
        }

        // Upper and lower Cherokee fold to one form (full folding maps the small letters to the capitals), so each matches the other.
        Assert.Equal(CaseFolding.Fold('\u13A0', false), CaseFolding.Fold('\uAB70', false));
        Assert.Equal(new Rune(0x10428), CaseFolding.Fold(new Rune(0x10400)));
    }
}
