using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Waymark.Content.Qda;
using Waymark.Testing;

namespace Waymark.Content.Tests;

/// <summary>
/// Hostile REFI-QDA files (.qdpx and .qdc): zip bombs, traversal names, DTDs and entities,
/// oversized files and random mutations get a clear message after bounded work, never an
/// exception and never a read outside the archive.
/// </summary>
public sealed class QdaHostileInputTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("QdaHostileInputTests");

    public void Dispose() => _temp.Dispose();

    private const string ProjectHead = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    private static string Archive(string directory, string name, params (string Entry, Action<Stream> Write)[] entries)
    {
        var path = Path.Combine(directory, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, write) in entries)
        {
            using var stream = zip.CreateEntry(entry, CompressionLevel.Fastest).Open();
            write(stream);
        }

        return path;
    }

    private static Action<Stream> Text(string text) => stream => stream.Write(Encoding.UTF8.GetBytes(text));

    private static string ValidProjectXml(string directory)
    {
        var (path, _) = QdpxTests.Export(directory);
        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry("project.qde")!.Open());
        return reader.ReadToEnd();
    }

    [Fact]
    public void A_zip_bomb_is_refused_after_bounded_work_and_memory()
    {
        var directory = _temp.NewFolder("qda-bomb");
        // 400 MB of spaces inside the root element inflate from under two megabytes.
        static void WriteBomb(Stream stream)
        {
            stream.Write(Encoding.UTF8.GetBytes(ProjectHead + "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"b\">"));
            var spaces = new byte[1 << 20];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 400; i++)
            {
                stream.Write(spaces);
            }

            stream.Write("</Project>"u8);
        }

        var bomb = Archive(directory, "bomb.qdpx", ("project.qde", WriteBomb));
        Assert.True(new FileInfo(bomb).Length < 4 * 1024 * 1024, "the test bomb should be small on disk");

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var result = QdpxImport.Read(bomb);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.False(result.IsSuccess);
        Assert.Matches("zip bomb|MaxCharactersInDocument|exceeded", result.Error!);
        // The reader's buffer grows to the character cap (two bytes a character) and no further: far
        // below the 800 MB that 400 M characters would take.
        Assert.True(allocated < (2 * QdaLimits.MaxXmlCharacters) + (16L * 1024 * 1024), $"reading the bomb allocated {allocated:N0} bytes");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_source_that_inflates_past_the_entry_limit_is_refused()
    {
        var directory = _temp.NewFolder("qda-bomb-source");
        var xml = ValidProjectXml(directory);
        var first = System.Text.RegularExpressions.Regex.Match(xml, "plainTextPath=\"internal://([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(first);
        static void WriteBlocks(Stream stream)
        {
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)'a');
            for (long written = 0; written <= QdaLimits.MaxEntryBytes; written += block.Length)
            {
                stream.Write(block);
            }
        }

        var bomb = Archive(directory, "source-bomb.qdpx", ("project.qde", Text(xml)), ("sources/" + first, WriteBlocks));

        var result = QdpxImport.Read(bomb);
        Assert.False(result.IsSuccess);
        Assert.Contains("zip bomb", result.Error!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../evil.txt")]
    [InlineData("sources/../../evil.txt")]
    [InlineData("/etc/evil.txt")]
    [InlineData("sources\\..\\evil.txt")]
    [InlineData("C:/evil.txt")]
    public void An_entry_with_a_traversal_or_absolute_name_is_refused(string entry)
    {
        var directory = _temp.NewFolder("qda-traversal");
        var path = Archive(directory, "t.qdpx", ("project.qde", Text(ValidProjectXml(directory))), (entry, Text("zorblat")));
        var result = QdpxImport.Read(path);
        Assert.False(result.IsSuccess);
        Assert.Contains("unsafe name", result.Error!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_path_that_climbs_out_of_sources_is_not_followed()
    {
        var directory = _temp.NewFolder("qda-climb");
        var xml = System.Text.RegularExpressions.Regex.Replace(ValidProjectXml(directory), "plainTextPath=\"internal://[^\"]+\"", "plainTextPath=\"internal://../project.qde\"");
        var result = QdpxImport.Read(Archive(directory, "c.qdpx", ("project.qde", Text(xml))));
        Assert.False(result.IsSuccess);
        Assert.Contains("is missing", result.Error!, StringComparison.Ordinal);
    }

    public static TheoryData<string> HostileXml => new()
    {
        // Billion laughs: ten levels of ten entities.
        "<!DOCTYPE Project [<!ENTITY a \"lol\">" + string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY {(char)('a' + i)} \"{string.Concat(Enumerable.Repeat($"&{(char)('a' + i - 1)};", 10))}\">")) + "]><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"&j;\"/>",
        // An external entity naming a local file.
        "<!DOCTYPE Project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"&x;\"/>",
        // An external DTD.
        "<!DOCTYPE Project SYSTEM \"file:///etc/passwd\"><Project xmlns=\"urn:QDA-XML:project:1.0\"/>",
    };

    [Theory]
    [MemberData(nameof(HostileXml))]
    public void A_dtd_or_entity_in_a_project_or_codebook_is_refused_and_nothing_is_read_from_disk(string xml)
    {
        var directory = _temp.NewFolder("qda-xxe");
        var project = QdpxImport.Read(Archive(directory, "x.qdpx", ("project.qde", Text(ProjectHead + xml))));
        var codebookPath = Path.Combine(directory, "x.qdc");
        File.WriteAllText(codebookPath, ProjectHead + xml.Replace("Project", "CodeBook", StringComparison.Ordinal).Replace("project:1.0", "codebook:1.0", StringComparison.Ordinal));
        var codebook = QdcCodebook.Import(codebookPath);
        foreach (var error in new[] { project.Error, codebook.Error })
        {
            Assert.NotNull(error);
            Assert.Contains("DTD", error, StringComparison.Ordinal);
            Assert.DoesNotContain("root:", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Oversized_files_and_too_many_entries_are_refused_before_reading()
    {
        var directory = _temp.NewFolder("qda-oversized");
        var huge = Path.Combine(directory, "huge.qdc");
        using (var file = File.Create(huge))
        {
            file.SetLength(QdaLimits.MaxFileBytes + 1); // sparse: nothing is written
        }

        Assert.Contains("at most", QdcCodebook.Import(huge).Error!, StringComparison.Ordinal);
        File.Move(huge, Path.ChangeExtension(huge, ".qdpx"));
        Assert.Contains("at most", QdpxImport.Read(Path.ChangeExtension(huge, ".qdpx")).Error!, StringComparison.Ordinal);

        var many = Archive(directory, "many.qdpx", [.. Enumerable.Range(0, QdaLimits.MaxEntries + 1).Select(i => ($"sources/{i}.txt", Text("")))]);
        Assert.Contains("entries", QdpxImport.Read(many).Error!, StringComparison.Ordinal);
    }

    [Fact]
    public void Seeded_mutations_of_projects_and_codebooks_never_throw()
    {
        var directory = _temp.NewFolder("qda-fuzz");
        var xml = ValidProjectXml(directory);
        var (exported, _) = QdpxTests.Export(_temp.NewFolder("qda-fuzz-bytes"));
        var archiveBytes = File.ReadAllBytes(exported);
        var codebookXml = QdcCodebook.Export(Waymark.Content.Codebooks.CodebookYaml.Parse("name: f\nthemes:\n  - name: T\n    codes:\n      - {name: zorblat, patterns: [zorblat]}\n", "f").Value!).ToString();
        var random = new Random(8061);
        var clock = Stopwatch.StartNew();
        var runs = 0;
        for (; runs < 400 && clock.Elapsed < TimeSpan.FromSeconds(20); runs++)
        {
            var path = Path.Combine(directory, $"m{runs}");
            switch (runs % 3)
            {
                case 0: // the project's XML mutated, in a good archive
                    Archive(directory, $"m{runs}", ("project.qde", Text(FuzzTests.MutateXml(random, xml))));
                    _ = QdpxImport.Read(path);
                    break;
                case 1: // the archive's bytes mutated
                    var bytes = (byte[])archiveBytes.Clone();
                    for (var m = random.Next(1, 8); m > 0; m--)
                    {
                        bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    }

                    File.WriteAllBytes(path, random.Next(4) == 0 ? bytes[..random.Next(bytes.Length)] : bytes);
                    _ = QdpxImport.Read(path);
                    break;
                default: // a codebook's XML mutated
                    File.WriteAllText(path, FuzzTests.MutateXml(random, codebookXml));
                    _ = QdcCodebook.Import(path);
                    break;
            }
        }

        Assert.True(runs >= 60, $"only {runs} runs in the time budget");
    }
}
