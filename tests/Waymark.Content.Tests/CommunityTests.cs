using System.Xml.Linq;
using Waymark.Content.Community;
using Waymark.Content.Corpus;
using Waymark.Testing;

namespace Waymark.Content.Tests;

public sealed class CommunityTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("CommunityTests");

    public void Dispose() => _temp.Dispose();

    private static CorpusPost Post(string thread, string id, string author, string? replyTo, int day) =>
        new(thread, thread, id, author, new DateTimeOffset(2024, 1, day, 12, 0, 0, TimeSpan.Zero), replyTo, 0);

    // ann starts t1; bob replies to ann, cara to bob, ann to cara; bob starts t2 and t3, dan replies to bob.
    private static readonly CorpusPost[] Forum =
    [
        Post("t1", "1", "ann", null, 1),
        Post("t1", "2", "bob", "1", 2),
        Post("t1", "3", "cara", "2", 3),
        Post("t1", "4", "ann", "3", 4),
        Post("t2", "5", "bob", null, 5),
        Post("t2", "6", "dan", "5", 6),
        Post("t3", "7", "bob", null, 9),
    ];

    private static readonly string[] Names = ["ann", "bob", "cara", "dan"];

    private static Member Of(CommunityFindings result, string author) => result.Members.Single(m => m.Author == author);

    [Fact]
    public void Activity_per_author()
    {
        var result = CommunityAnalysis.Analyse(Forum).Value!;
        var bob = Of(result, "bob");
        Assert.Equal((3, 2, 1, 2, 3), (bob.Posts, bob.ThreadsStarted, bob.RepliesSent, bob.RepliesReceived, bob.Partners));
        Assert.Equal(7.0, bob.TenureDays);
        Assert.Equal((3, 7), (result.Threads, result.Posts));
        Assert.Contains("thread starter", bob.Roles);
        Assert.Contains("peripheral", Of(result, "dan").Roles);
    }

    [Fact]
    public void Network_measures_on_a_small_forum()
    {
        var result = CommunityAnalysis.Analyse(Forum).Value!;
        Assert.Equal(4, result.Network.Edges.Count);
        Assert.Equal((2, 1), (Of(result, "bob").InDegree, Of(result, "bob").OutDegree));
        Assert.Equal([2, 3, 1, 0], Names.Select(a => Of(result, a).Betweenness));
        Assert.Equal([2, 2, 2, 1], Names.Select(a => Of(result, a).Core));
        Assert.Contains("hub", Of(result, "bob").Roles);
        Assert.Contains("core member", Of(result, "ann").Roles);
    }

    [Fact]
    public void Fuzz_betweenness_equals_counting_all_shortest_paths()
    {
        var random = new Random(1999);
        for (var round = 0; round < 60; round++)
        {
            var n = random.Next(2, 9);
            var network = new ReplyNetwork(n);
            for (var e = random.Next(0, n * 3); e > 0; e--)
            {
                network.AddReply(random.Next(n), random.Next(n));
            }

            var expected = BruteForceBetweenness(network);
            var actual = network.Betweenness();
            for (var v = 0; v < n; v++)
            {
                Assert.Equal(expected[v], actual[v], 9);
            }

            var rank = network.PageRank();
            Assert.Equal(1.0, rank.Sum(), 9);
            AssertPageRankFixedPoint(network, rank);
        }
    }

    [Fact]
    public void GraphMl_and_gexf_are_well_formed_and_carry_the_network()
    {
        var result = CommunityAnalysis.Analyse(Forum).Value!;
        var directory = _temp.NewFolder("graph");
        var graphml = Path.Combine(directory, "g.graphml");
        var gexf = Path.Combine(directory, "g.gexf");
        GraphExport.GraphMl(result).Save(graphml);
        GraphExport.Gexf(result).Save(gexf);
        Files.AssertXmlValid(graphml, null);
        Files.AssertXmlValid(gexf, null);

        var g = XDocument.Load(graphml);
        Assert.Equal(4, g.Descendants().Count(e => e.Name.LocalName == "node"));
        Assert.Equal(4, g.Descendants().Count(e => e.Name.LocalName == "edge"));
        var x = XDocument.Load(gexf);
        Assert.Equal("http://gexf.net/1.3", x.Root!.Name.NamespaceName);
        var ids = x.Descendants().Where(e => e.Name.LocalName == "node").Select(e => (string)e.Attribute("id")!).ToHashSet();
        Assert.All(x.Descendants().Where(e => e.Name.LocalName == "edge"), e =>
        {
            Assert.Contains((string)e.Attribute("source")!, ids);
            Assert.Contains((string)e.Attribute("target")!, ids);
        });
    }

    [Fact]
    public void No_posts_is_a_clear_failure()
    {
        Assert.Contains("no posts", CommunityAnalysis.Analyse([]).Error, StringComparison.Ordinal);
    }

    /// <summary>Σ over ordered pairs s ≠ v ≠ t of σ_st(v) / σ_st, from BFS distances and path counts of every node.</summary>
    private static double[] BruteForceBetweenness(ReplyNetwork network)
    {
        var n = network.NodeCount;
        var distance = new int[n, n];
        var paths = new double[n, n];
        for (var s = 0; s < n; s++)
        {
            for (var t = 0; t < n; t++)
            {
                distance[s, t] = -1;
            }

            distance[s, s] = 0;
            paths[s, s] = 1;
            var frontier = new List<int> { s };
            while (frontier.Count > 0)
            {
                var next = new List<int>();
                foreach (var v in frontier)
                {
                    foreach (var w in network.Edges.Keys.Where(e => e.From == v).Select(e => e.To))
                    {
                        if (distance[s, w] < 0)
                        {
                            distance[s, w] = distance[s, v] + 1;
                            next.Add(w);
                        }

                        if (distance[s, w] == distance[s, v] + 1)
                        {
                            paths[s, w] += paths[s, v];
                        }
                    }
                }

                frontier = next;
            }
        }

        var result = new double[n];
        for (var s = 0; s < n; s++)
        {
            for (var t = 0; t < n; t++)
            {
                for (var v = 0; v < n; v++)
                {
                    if (s != t && v != s && v != t && distance[s, t] > 0 && distance[s, v] > 0 && distance[v, t] > 0
                        && distance[s, v] + distance[v, t] == distance[s, t])
                    {
                        result[v] += paths[s, v] * paths[v, t] / paths[s, t];
                    }
                }
            }
        }

        return result;
    }

    private static void AssertPageRankFixedPoint(ReplyNetwork network, double[] rank)
    {
        var n = network.NodeCount;
        var outWeight = network.OutWeight();
        var dangling = Enumerable.Range(0, n).Where(v => outWeight[v] == 0).Sum(v => rank[v]);
        for (var v = 0; v < n; v++)
        {
            var incoming = network.Edges.Where(e => e.Key.To == v).Sum(e => rank[e.Key.From] * e.Value / outWeight[e.Key.From]);
            Assert.Equal(rank[v], (0.15 / n) + (0.85 * (incoming + (dangling / n))), 9);
        }
    }
}
