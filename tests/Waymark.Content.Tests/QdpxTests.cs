using System.IO.Compression;
using System.Xml.Linq;
using Waymark.Content.Coding;
using Waymark.Content.Corpus;
using Waymark.Content.Qda;
using Waymark.Testing;

namespace Waymark.Content.Tests;

public sealed class QdpxTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("QdpxTests");

    public void Dispose() => _temp.Dispose();

    private const string Yaml = """
        name: qdpx-test
        themes:
          - name: Feelings
            color: "#AA0000"
            codes:
              - {name: feel, patterns: ["feel*"]}
              - {name: alone, patterns: [alone]}
          - name: Support
            codes:
              - {name: peer support, patterns: ["peer support"]}
        """;

    // Astral characters (emoji, mathematical letters), CRLF and CR line breaks before the coded text.
    private static readonly (string, string)[] Corpus =
    [
        ("diary.txt", "😀😀 First 𝒜 line\r\n\r\nI feel 🙂 alone\r\n\r\nPeer\r\nsupport 👍🏽 helps\rand I feel it\n"),
        ("forum.csv", "thread_id,post_id,author,text\nt1,1,ann,\"𝔘nicode 😀 feelings\r\n\r\nalone\"\nt1,2,bob,peer support\n"),
    ];

    internal static (string Path, CodingReport Report) Export(string directory)
    {
        var codebook = Waymark.Content.Codebooks.CodebookYaml.Parse(Yaml, "q").Value!;
        var engine = CodingEngine.Create(codebook, CodingUnit.Paragraph, keepCodings: true).Value!;
        var source = CorpusSource.Open(Corpus.Select(f => Files.Write(directory, f.Item1, f.Item2))).Value!;
        foreach (var paragraph in source.Paragraphs())
        {
            engine.Add(paragraph.Value!);
        }

        var report = engine.Finish(Bands.None, 0);
        var path = Path.Combine(directory, "out.qdpx");
        Assert.True(QdpxProject.Export(report, source, path).IsSuccess);
        return (path, report);
    }

    [Fact]
    public void The_project_validates_against_the_refi_qda_schema()
    {
        var directory = _temp.NewFolder("qdpx");
        var (path, _) = Export(directory);
        var extracted = Path.Combine(directory, "extracted");
        ZipFile.ExtractToDirectory(path, extracted);
        Files.AssertXmlValid(Path.Combine(extracted, "project.qde"), TestEnvironment.Fixture("refi-qda", "Project-mrt2019.xsd"));
        Assert.All(Directory.GetFiles(Path.Combine(extracted, "sources")), f => Assert.Matches("^[0-9a-f-]{36}\\.txt$", Path.GetFileName(f)));
    }

    [Fact]
    public void Selections_are_code_points_in_newline_normalised_utf8_sources()
    {
        var (path, report) = Export(_temp.NewFolder("qdpx"));
        var project = QdpxImport.Read(path).Value!;
        var diary = project.Sources.Single(s => s.Key.EndsWith("diary.txt", StringComparison.Ordinal)).Value;
        Assert.DoesNotContain('\r', diary);
        Assert.Equal("😀😀 First 𝒜 line\n\nI feel 🙂 alone\n\nPeer\nsupport 👍🏽 helps\nand I feel it\n", diary);
        var runes = diary.EnumerateRunes().Select(r => r.ToString()).ToArray();
        string Slice(ImportedCoding c) => string.Concat(runes[c.Start..c.End]);

        var diaryCodings = project.Codings.Where(c => c.Source.EndsWith("diary.txt", StringComparison.Ordinal)).ToList();
        Assert.Contains(diaryCodings, c => c.Code == "alone" && Slice(c) == "I feel 🙂 alone");
        Assert.Contains(diaryCodings, c => c.Code == "peer support" && Slice(c) == "Peer\nsupport 👍🏽 helps\nand I feel it");
        var forum = project.Codings.Where(c => c.Source == "t1").ToList();
        var forumText = project.Sources["t1"].EnumerateRunes().Select(r => r.ToString()).ToArray();
        Assert.Contains(forum, c => c.Code == "feel" && string.Concat(forumText[c.Start..c.End]) == "𝔘nicode 😀 feelings");
        Assert.Equal(report.Codings.Count, project.Codings.Count);
    }

    [Fact]
    public void Every_reference_resolves_and_colours_are_rgb()
    {
        var (path, _) = Export(_temp.NewFolder("qdpx"));
        using var zip = ZipFile.OpenRead(path);
        XNamespace ns = "urn:QDA-XML:project:1.0";
        var project = XDocument.Load(zip.GetEntry("project.qde")!.Open());
        var codes = project.Descendants(ns + "Code").Select(c => (string)c.Attribute("guid")!).ToHashSet();
        Assert.All(project.Descendants(ns + "CodeRef"), r => Assert.Contains((string)r.Attribute("targetGUID")!, codes));
        Assert.All(project.Descendants(ns + "TextSource"), s => Assert.NotNull(zip.GetEntry("sources/" + ((string)s.Attribute("plainTextPath")!)["internal://".Length..])));
        Assert.All(project.Descendants(ns + "Code"), c => Assert.Matches("^#[0-9A-F]{6}$", (string)c.Attribute("color")!));
        var guids = project.Descendants().Attributes("guid").Select(a => a.Value).ToList();
        Assert.Equal(guids.Count, guids.Distinct().Count());
    }

    [Fact]
    public void Guids_are_stable_across_exports()
    {
        static string Project(string path)
        {
            using var zip = ZipFile.OpenRead(path);
            using var reader = new StreamReader(zip.GetEntry("project.qde")!.Open());
            return reader.ReadToEnd();
        }

        var first = Project(Export(_temp.NewFolder("qdpx")).Path);
        var second = Project(Export(_temp.NewFolder("qdpx")).Path);

        // The documents live in different folders, so only their names differ; GUIDs come from the names.
        Assert.Equal(
            XDocument.Parse(first).Descendants().Attributes("guid").Count(),
            XDocument.Parse(second).Descendants().Attributes("guid").Count());
        var codeGuids = XDocument.Parse(first).Descendants().Where(e => e.Name.LocalName == "Code").Select(e => (string)e.Attribute("guid")!);
        Assert.Equal(codeGuids, XDocument.Parse(second).Descendants().Where(e => e.Name.LocalName == "Code").Select(e => (string)e.Attribute("guid")!));
    }

    [Fact]
    public void Reimporting_the_export_and_coding_it_again_gives_identical_codings()
    {
        var directory = _temp.NewFolder("qdpx");
        var (path, _) = Export(directory);
        var imported = QdpxImport.Read(path).Value!;
        Assert.Equal(
            CodebookTests.Describe(Waymark.Content.Codebooks.CodebookYaml.Parse(Yaml, "q").Value!),
            CodebookTests.Describe(imported.Codebook));

        // Write the imported sources as text files and code them with the imported codebook.
        var again = Path.Combine(directory, "again");
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var (name, text) in imported.Sources)
        {
            var file = Files.Write(again, $"{i++}.txt", text);
            names[file] = name;
        }

        var engine = CodingEngine.Create(imported.Codebook, CodingUnit.Paragraph, keepCodings: true).Value!;
        var source = CorpusSource.Open(names.Keys).Value!;
        foreach (var paragraph in source.Paragraphs())
        {
            engine.Add(paragraph.Value!);
        }

        var reexported = Path.Combine(directory, "again.qdpx");
        QdpxProject.Export(engine.Finish(Bands.None, 0), source, reexported);
        var second = QdpxImport.Read(reexported).Value!;
        Assert.Equal(
            imported.Codings.Select(c => (c.Source, c.Code, c.Start, c.End)).Order(),
            second.Codings.Select(c => (names[c.Source], c.Code, c.Start, c.End)).Order());
    }
}
