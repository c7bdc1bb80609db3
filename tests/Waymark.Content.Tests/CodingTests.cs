using Waymark.Content.Codebooks;
using Waymark.Content.Coding;
using Waymark.Content.Corpus;
using Waymark.Testing;

namespace Waymark.Content.Tests;

public sealed class CodingTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("CodingTests");

    public void Dispose() => _temp.Dispose();

    private const string Yaml = """
        name: test
        themes:
          - name: Feelings
            codes:
              - {name: feel, patterns: [feel, "feel*"]}
              - {name: alone, patterns: [alone, lonely]}
          - name: Support
            codes:
              - {name: peer support, patterns: ["peer support"]}
              - {name: colour, patterns: ["re:colou?r"]}
        """;

    private const string Text = "I feel alone.\n\nFeelings of being alone, so alone.\n\nPeer\nsupport helps. I feel better.\n\nNothing here.";

    internal static CodingReport Run(TempFolder temp, string yaml, string unit, params (string Name, string Text)[] files)
    {
        var directory = temp.NewFolder("coding");
        var codebook = CodebookYaml.Parse(yaml, "test.yaml");
        Assert.True(codebook.IsSuccess, codebook.Error);
        Assert.True(CodingUnits.TryParse(unit, out var parsed));
        var engine = CodingEngine.Create(codebook.Value!, parsed, keepCodings: true).Value!;
        var source = CorpusSource.Open(files.Select(f => Files.Write(directory, f.Name, f.Text))).Value!;
        Assert.True(source.Feed(engine).IsSuccess);
        return engine.Finish(Bands.Parse("3-,2,1").Value!, 0);
    }

    private static CodeCount Count(CodingReport report, string code) => report.Codes.Single(c => c.Code.Name == code);

    [Fact]
    public void Paragraph_units_count_paragraphs_containing_each_code()
    {
        var report = Run(_temp, Yaml, "paragraph", ("a.txt", Text));
        Assert.Equal((1L, 4L), (report.Documents, report.Units));
        Assert.Equal((3L, 3L, 1L, "3-"), (Count(report, "feel").Hits, Count(report, "feel").Units, Count(report, "feel").Documents, Count(report, "feel").Band));
        Assert.Equal((3L, 2L, "2"), (Count(report, "alone").Hits, Count(report, "alone").Units, Count(report, "alone").Band));
        Assert.Equal((1L, 1L, "1"), (Count(report, "peer support").Hits, Count(report, "peer support").Units, Count(report, "peer support").Band));
        Assert.Equal(0L, Count(report, "colour").Units);
        Assert.Null(Count(report, "colour").Band);
    }

    [Fact]
    public void Cooccurrence_counts_units_with_both_codes_and_the_c_coefficient()
    {
        var report = Run(_temp, Yaml, "paragraph", ("a.txt", Text));
        var feelAlone = report.Cooccurrences.Single(p => p.A == "feel" && p.B == "alone");
        Assert.Equal(2, feelAlone.N);
        Assert.Equal(2.0 / (3 + 2 - 2), feelAlone.C, 12);
        var feelPeer = report.Cooccurrences.Single(p => p.A == "feel" && p.B == "peer support");
        Assert.Equal(1.0 / (3 + 1 - 1), feelPeer.C, 12);
        Assert.DoesNotContain(report.Cooccurrences, p => p.A == "alone" && p.B == "peer support");
    }

    [Theory]
    [InlineData("sentence", 5L, 3L)]
    [InlineData("hit", 7L, 3L)]
    [InlineData("post", 1L, 1L)]
    [InlineData("thread", 1L, 1L)]
    public void Every_unit_kind_counts_its_units(string unit, long units, long feelUnits)
    {
        var report = Run(_temp, Yaml, unit, ("a.txt", Text));
        Assert.Equal(units, report.Units);
        Assert.Equal(feelUnits, Count(report, "feel").Units);
    }

    [Fact]
    public void Posts_and_threads_come_from_csv_records()
    {
        const string csv = "thread_id,post_id,author,text\nt1,1,ann,I feel alone\nt1,2,bob,\"feel\n\nfeel\"\nt2,3,ann,alone\n";
        var post = Run(_temp, Yaml, "post", ("f.csv", csv));
        Assert.Equal((2L, 3L), (post.Documents, post.Units));
        Assert.Equal((3L, 2L, 1L), (Count(post, "feel").Hits, Count(post, "feel").Units, Count(post, "feel").Documents));
        var thread = Run(_temp, Yaml, "thread", ("f.csv", csv));
        Assert.Equal((2L, 1L, 2L), (thread.Units, Count(thread, "feel").Units, Count(thread, "alone").Units));
        var perThread = thread.PerThread.Single(t => t.Id == "t1");
        Assert.Equal(3, perThread.Hits[0]);
    }

    [Fact]
    public void Coded_units_point_at_their_text_in_the_document()
    {
        const string csv = "thread_id,post_id,text\nt1,1,first post\nt1,2,\"second 😀 post\n\nI feel alone\"\n";
        var report = Run(_temp, Yaml, "paragraph", ("f.csv", csv));
        var document = "first post\n\nsecond 😀 post\n\nI feel alone";
        Assert.All(report.Codings, c => Assert.Equal("I feel alone", document[(int)c.Start..(int)c.End]));
        Assert.Equal(2, report.Codings.Count);
    }

    [Fact]
    public void Minimum_leaves_out_rare_codes_and_their_pairs()
    {
        var directory = _temp.NewFolder("coding");
        var codebook = CodebookYaml.Parse(Yaml, "t").Value!;
        var engine = CodingEngine.Create(codebook, CodingUnit.Paragraph, false).Value!;
        foreach (var p in CorpusSource.Open([Files.Write(directory, "a.txt", Text)]).Value!.Paragraphs())
        {
            engine.Add(p.Value!);
        }

        var report = engine.Finish(Bands.None, 2);
        Assert.Equal(["feel", "alone"], report.Codes.Select(c => c.Code.Name));
        Assert.All(report.Cooccurrences, p => Assert.DoesNotContain("peer support", new[] { p.A, p.B }));
    }

    [Theory]
    [InlineData("100-,40-80,30-39", 120, "100-")]
    [InlineData("100-,40-80,30-39", 80, "40-80")]
    [InlineData("100-,80-40,30-39", 40, "80-40")]
    [InlineData("100-,40-80,30-39", 35, "30-39")]
    [InlineData("100-,40-80,30-39", 85, null)]
    public void Bands_follow_the_given_ranges(string bands, long count, string? band)
    {
        Assert.Equal(band, Bands.Parse(bands).Value!.Of(count));
    }

    [Theory]
    [InlineData("100+")]
    [InlineData("a-b")]
    [InlineData("-5")]
    public void Bad_bands_fail_with_a_message(string bands)
    {
        Assert.Contains("is not a count band", Bands.Parse(bands).Error, StringComparison.Ordinal);
    }
}
