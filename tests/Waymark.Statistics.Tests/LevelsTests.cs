namespace Waymark.Statistics.Tests;

/// <summary>R's factor() level order after read.csv in the C locale (ADR 0006); RCrossCheckTests confirm it in R.</summary>
public sealed class LevelsTests
{
    [Fact]
    public void Text_sorts_ordinally_as_in_the_c_locale() =>
        Assert.Equal(["B", "Z", "_x", "a", "b", "é"], Levels.Sorted(["b", "B", "a", "_x", "Z", "é", "a"]));

    [Fact]
    public void A_column_of_numbers_sorts_by_value() =>
        Assert.Equal(["-2", "1.5", "9", "10"], Levels.Sorted(["10", "9", "1.5", "-2"]));

    [Fact]
    public void One_value_that_is_not_a_number_makes_the_whole_column_text() =>
        Assert.Equal(["10", "9", "x"], Levels.Sorted(["9", "x", "10"]));

    [Fact]
    public void Level_codes_follow_first_appearance_and_sort_to_r_order()
    {
        var index = new LevelIndex();
        string[] cells = ["often", "never", "sometimes", "never", "l1", "l2", "l3", "l4", "l5", "l6", "l7", "often"];
        var codes = cells.Select(c => index.Code(c)).ToArray();
        Assert.Equal([0, 1, 2, 1, 3, 4, 5, 6, 7, 8, 9, 0], codes);
        var (labels, position) = index.Sort();
        Assert.Equal("never", labels[position[1]]);
        Assert.Equal(["l1", "l2", "l3", "l4", "l5", "l6", "l7", "never", "often", "sometimes"], labels);
    }
}
