using System.Text.RegularExpressions;

namespace Waymark.Secrets.Tests;

public sealed partial class WordListTests
{
    [Fact]
    public void The_list_holds_4096_distinct_short_lowercase_words()
    {
        var words = WordList.Instance.Words;

        Assert.Equal(4096, words.Count);
        Assert.Equal(words.Count, words.Distinct(StringComparer.Ordinal).Count());
        Assert.All(words, word => Assert.Matches(ShortLowercaseWord(), word));
    }

    [Fact]
    public void The_list_is_sorted_so_that_editors_can_review_a_diff()
    {
        var words = WordList.Instance.Words;

        Assert.Equal(words.Order(StringComparer.Ordinal), words);
    }

    [Theory]
    [InlineData("abbr")]
    [InlineData("govt")]
    [InlineData("agony")]
    [InlineData("shame")]
    [InlineData("mommy")]
    public void Abbreviations_and_distressing_words_are_left_out(string word)
    {
        Assert.False(WordList.Instance.Contains(word));
    }

    [GeneratedRegex("^[a-z]{4,5}$")]
    private static partial Regex ShortLowercaseWord();
}
