using Waymark.Content.Corpus;

namespace Waymark.Content.Tests;

public sealed class LineFeedsTests
{
    [Fact]
    public void Fuzz_finds_every_line_feed_a_byte_by_byte_search_finds()
    {
        var random = new Random(1010);
        var feeds = new LineFeeds();
        for (var round = 0; round < 2_000; round++)
        {
            // Lengths around and across the 32-byte vector width; line feeds sparse to dense.
            var block = new byte[random.Next(0, 300)];
            var density = random.Next(1, 40);
            for (var i = 0; i < block.Length; i++)
            {
                block[i] = random.Next(density) == 0 ? (byte)'\n' : (byte)random.Next(0x20, 0x7F);
            }

            var expected = Enumerable.Range(0, block.Length).Where(i => block[i] == '\n').ToList();
            feeds.Index(block);
            var actual = new List<int>();
            for (var at = feeds.NextFrom(0); at >= 0; at = feeds.NextFrom(at + 1))
            {
                actual.Add(at);
            }

            Assert.Equal(expected, actual);
        }
    }
}
