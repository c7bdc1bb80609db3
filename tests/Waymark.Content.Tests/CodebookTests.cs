using Waymark.Content.Codebooks;
using Waymark.Content.Coding;
using Waymark.Content.Qda;
using Waymark.Testing;

namespace Waymark.Content.Tests;

public sealed class CodebookTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("CodebookTests");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_issue_example_loads()
    {
        var codebook = CodebookYaml.Parse("{name: huikuri-2022, themes: [{name: Grand themes, codes: [{name: feel, patterns: [feel]}]}]}", "x");
        Assert.True(codebook.IsSuccess, codebook.Error);
        Assert.Equal("feel", codebook.Value!.Codes.Single().Name);
    }

    [Theory]
    [InlineData("huikuri-2022.yaml", 15, 3)]
    [InlineData("implicit-theories.yaml", 14, 3)]
    public void The_starter_codebooks_load_and_build_a_matcher(string file, int codes, int themes)
    {
        var codebook = CodebookFiles.Load(Path.Combine(Files.Codebooks, file));
        Assert.True(codebook.IsSuccess, codebook.Error);
        Assert.Equal((codes, themes), (codebook.Value!.Codes.Count, codebook.Value.Themes.Count));
        Assert.True(CodingEngine.BuildMatcher(codebook.Value).IsSuccess);
    }

    [Theory]
    [InlineData("huikuri-2022.yaml")]
    [InlineData("implicit-theories.yaml")]
    public void The_starter_codebooks_declare_english_so_a_copy_with_stem_patterns_builds(string file)
    {
        // Every one-word pattern written stem:WORD, as a researcher copying the codebook would: without `language` the
        // matcher refuses stem: patterns.
        var codebook = CodebookFiles.Load(Path.Combine(Files.Codebooks, file)).Value!;
        Assert.Equal("en", codebook.Language);
        var yaml = File.ReadAllText(Path.Combine(Files.Codebooks, file));
        var stemmed = System.Text.RegularExpressions.Regex.Replace(
            yaml, @"patterns: \[([^\]]*)\]", m => "patterns: [" + string.Join(", ", m.Groups[1].Value.Split(", ")
                .Select(p => p.All(char.IsAsciiLetter) ? "stem:" + p : p)) + "]");
        Assert.NotEqual(yaml, stemmed);
        var copy = CodebookYaml.Parse(stemmed, file).Value!;
        Assert.Contains(copy.Codes.SelectMany(c => c.Patterns), p => p.StartsWith("stem:", StringComparison.Ordinal));
        var built = CodingEngine.BuildMatcher(copy);
        Assert.True(built.IsSuccess, built.Error);
    }

    [Fact]
    public void Huikuri_groups_hold_the_published_keywords()
    {
        var codebook = CodebookFiles.Load(Path.Combine(Files.Codebooks, "huikuri-2022.yaml")).Value!;
        Assert.Equal(["Feel", "Love", "Child", "Alone"], codebook.Themes[0].Codes.Select(c => c.Name));
        Assert.Equal(6, codebook.Themes[1].Codes.Count);
        Assert.Equal(5, codebook.Themes[2].Codes.Count);
    }

    [Fact]
    public void The_distortions_the_source_study_names_have_definitions_examples_and_citations()
    {
        var codebook = CodebookFiles.Load(Path.Combine(Files.Codebooks, "implicit-theories.yaml")).Value!;
        var study = codebook.Themes.Single(t => t.Name == "Distortions named in the discussion-thread study");
        Assert.Equal(
            ["It would happen anyway", "Lover not molester identity", "Inevitable orientation and self-acceptance", "Superiority ethos",
                "Community as comfort and closeness", "Advice on anonymity and security"],
            study.Codes.Select(c => c.Name));
        Assert.All(study.Codes, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Description));
            Assert.True(c.Examples.Count >= 2, c.Name);
            Assert.StartsWith("Huikuri & Insoll (2022)", c.Citation, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Each_example_phrasing_is_coded_by_its_own_code()
    {
        // The examples describe what a code is for, so the code's own patterns must find every one of them: one file per
        // code, one paragraph per example, and that code counted in every paragraph of its file.
        var codebookPath = Path.Combine(Files.Codebooks, "implicit-theories.yaml");
        var codebook = CodebookFiles.Load(codebookPath).Value!;
        var directory = _temp.NewFolder("examples");
        var withExamples = codebook.Codes.Where(c => c.Examples.Count > 0).ToList();
        Assert.Equal(6, withExamples.Count);
        for (var i = 0; i < withExamples.Count; i++)
        {
            Files.Write(directory, $"{i}.txt", string.Join("\n\n", withExamples[i].Examples) + "\n");
        }

        var result = ContentAnalysis.Code(new CodingOptions([directory], codebookPath), TimeProvider.System);
        Assert.Null(result.Error);
        using var json = System.Text.Json.JsonDocument.Parse(result.Value!.ToJson(perDocument: true));
        foreach (var document in json.RootElement.GetProperty("per_document").EnumerateArray())
        {
            var code = withExamples[int.Parse(Path.GetFileNameWithoutExtension(document.GetProperty("id").GetString()!), System.Globalization.CultureInfo.InvariantCulture)];
            var counted = document.GetProperty("codes").EnumerateArray().SingleOrDefault(c => c.GetProperty("code").GetString() == code.Name);
            Assert.True(counted.ValueKind == System.Text.Json.JsonValueKind.Object, $"'{code.Name}' finds none of its examples");
            Assert.Equal(code.Examples.Count, counted.GetProperty("units").GetInt32());
        }
    }

    [Theory]
    [InlineData("name: x\nthemes: []", "no themes")]
    [InlineData("themes: [{name: t, codes: [{name: c, patterns: [a]}]}]", "needs a name")]
    [InlineData("name: x\nthemes: [{name: t, codes: [{name: c, patterns: [a]}, {name: c, patterns: [b]}]}]", "used twice")]
    [InlineData("name: x\nthemes: [{name: t, codes: [{name: c, patterns: []}]}]", "at least one non-empty pattern")]
    [InlineData("name: x\nthemes: [{name: t, color: red, codes: [{name: c, patterns: [a]}]}]", "#RRGGBB")]
    [InlineData("name: x\nthemse: []", "line 2")]
    [InlineData("name: [unclosed", "line")]
    [InlineData("", "empty")]
    public void Bad_codebooks_fail_with_a_message(string yaml, string message)
    {
        var result = CodebookYaml.Parse(yaml, "cb.yaml");
        Assert.False(result.IsSuccess);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_pattern_names_the_codebook_and_pattern()
    {
        var codebook = CodebookYaml.Parse("name: x\nthemes: [{name: t, codes: [{name: c, patterns: ['re:(']}]}]", "x").Value!;
        Assert.Contains("re:(", CodingEngine.BuildMatcher(codebook).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_round_trips()
    {
        var codebook = CodebookFiles.Load(Path.Combine(Files.Codebooks, "implicit-theories.yaml")).Value!;
        var again = CodebookYaml.Parse(CodebookYaml.Write(codebook), "again").Value!;
        Assert.Equal(Describe(codebook), Describe(again));
    }

    [Theory]
    [InlineData("huikuri-2022.yaml")]
    [InlineData("implicit-theories.yaml")]
    public void Qdc_export_validates_against_the_schema_and_imports_back_the_same(string file)
    {
        var codebook = CodebookFiles.Load(Path.Combine(Files.Codebooks, file)).Value!;
        var path = Path.Combine(_temp.NewFolder("qdc"), codebook.Name + ".qdc");
        CodebookFiles.Save(codebook, path);
        Files.AssertXmlValid(path, TestEnvironment.Fixture("refi-qda", "Codebook-mrt2019.xsd"));
        var back = CodebookFiles.Load(path);
        Assert.True(back.IsSuccess, back.Error);
        Assert.Equal(Describe(codebook), Describe(back.Value!));
    }

    [Fact]
    public void A_qdc_code_without_patterns_matches_its_own_name()
    {
        var path = Files.Write(_temp.NewFolder("qdc"), "x.qdc", """
            <?xml version="1.0" encoding="utf-8"?>
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
            <Code guid="11111111-1111-1111-1111-111111111111" name="Theme" isCodable="false">
            <Code guid="22222222-2222-2222-2222-222222222222" name="zorblat" isCodable="true"/></Code>
            </Codes></CodeBook>
            """);
        var codebook = CodebookFiles.Load(path).Value!;
        Assert.Equal(["zorblat"], codebook.Codes.Single().Patterns);
        Assert.Equal("Theme", codebook.Codes.Single().Theme);
    }

    [Fact]
    public void A_qdc_with_a_doctype_is_refused()
    {
        var path = Files.Write(_temp.NewFolder("qdc"), "x.qdc", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">&e;</CodeBook>");
        Assert.Contains("not a REFI-QDA codebook", QdcCodebook.Import(path).Error, StringComparison.Ordinal);
    }

    internal static string Describe(Codebook codebook) => string.Join(
        "\n",
        codebook.Themes.SelectMany(t => t.Codes.Select(c => $"{t.Name}|{t.Color}|{c.Name}|{c.Color}|{c.Description}|{string.Join("¦", c.Patterns)}")));
}
