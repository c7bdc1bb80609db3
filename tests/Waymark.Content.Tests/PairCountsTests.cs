using Waymark.Content.Coding;

namespace Waymark.Content.Tests;

public sealed class PairCountsTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(57)]
    [InlineData(PairCounts.MaxDenseCodes)]
    [InlineData(PairCounts.MaxDenseCodes + 1)]
    public void Counts_every_pair_exactly_and_lists_them_in_order(int codes)
    {
        var random = new Random(codes);
        var counts = new PairCounts(codes);
        var expected = new Dictionary<(int, int), long>();
        for (var i = 0; i < 20_000; i++)
        {
            // A few hot pairs and many rare ones, including the first and last codes.
            var a = random.Next(4) == 0 ? 0 : random.Next(codes - 1);
            var b = random.Next(4) == 0 ? codes - 1 : random.Next(a + 1, codes);
            counts.Add(a, b);
            expected[(a, b)] = expected.GetValueOrDefault((a, b)) + 1;
        }

        var actual = counts.All().ToList();
        Assert.Equal(expected.OrderBy(p => p.Key).Select(p => (p.Key.Item1, p.Key.Item2, p.Value)), actual);
    }

    [Fact]
    public void A_count_past_the_dense_counters_range_stays_exact()
    {
        var counts = new PairCounts(3);
        for (var i = 0; i < 200_005; i++)
        {
            counts.Add(0, 2);
        }

        counts.Add(1, 2);
        Assert.Equal([(0, 2, 200_005L), (1, 2, 1L)], counts.All());
    }

    [Fact]
    public void Counts_that_wrap_to_zero_in_the_dense_counters_are_still_listed_in_order()
    {
        var counts = new PairCounts(5);
        var expected = new[] { (0, 1, 131_072L), (1, 4, 65_536L), (2, 3, 65_537L), (3, 4, 3L) };
        foreach (var (a, b, n) in expected)
        {
            for (var i = 0L; i < n; i++)
            {
                counts.Add(a, b);
            }
        }

        Assert.Equal(expected, counts.All());
    }
}
