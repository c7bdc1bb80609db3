using System.Globalization;
using Waymark.Content.Codebooks;
using Waymark.Content.Coding;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Waymark.Content.Tests;

/// <summary>
/// The codebook writer (YamlDotNet's emitter, event by event, no reflection) writes what YamlDotNet's reflection-based
/// serializer wrote for the same codebook, byte for byte: the starter codebooks and one whose texts need quoting.
/// </summary>
public sealed class CodebookWriterTests
{
    public static TheoryData<string> Codebooks() => ["huikuri-2022.yaml", "implicit-theories.yaml"];

    [Theory]
    [MemberData(nameof(Codebooks))]
    public void The_starter_codebooks_are_written_as_the_serializer_wrote_them(string file)
    {
        var codebook = CodebookFiles.Load(Path.Combine(Files.Codebooks, file)).Value!;
        Assert.Equal(Serialized(codebook), CodebookYaml.Write(codebook));
    }

    [Fact]
    public void Texts_that_need_quoting_are_written_as_the_serializer_wrote_them()
    {
        string[] awkward =
        [
            "a: b", "- dash", "#hash", "true", "18", "null", "~", " leading", "trailing ", "it's", "\"quoted\"", "two\nlines",
            "tab\there", "[flow]", "{map}", "* star", "&anchor", "!tag", "%percent", "@at", "`tick", "über straße", "мир",
            "سلام", "re:(a|b)+", "phrase:feel safe", "stem:guilt", "fuzzy:anonymity", new string('x', 120) + " " + new string('y', 40),
        ];
        var yaml = string.Join('\n', new[]
        {
            "name: 'awkward: one'",
            "description: \"with\\nnew line\"",
            "language: en",
            "ignore_diacritics: true",
            "method: {citation: 'Someone (2020): a study', unit: paragraph, documents: '18', communities: '3', tool: 'ATLAS.ti 9', gaps: ['one: gap', '2']}",
            "themes:",
            "- name: '#theme'",
            "  color: '#112233'",
            "  codes:",
            "  - name: 'true'",
            "    description: ' spaced '",
            "    reference: '45'",
            "    citation: 'x: y'",
            "    examples: [\"it's fine\", '- no']",
            "    patterns: [" + string.Join(", ", awkward.Select(Quoted)) + "]",
            "  - {name: plain, patterns: [word]}",
        });
        var codebook = CodebookYaml.Parse(yaml, "awkward");
        Assert.True(codebook.IsSuccess, codebook.Error);
        Assert.Equal(Serialized(codebook.Value!), CodebookYaml.Write(codebook.Value!));
    }

    private static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";

    // What CodebookYaml.Write did until it wrote events itself: the document classes through the reflection-based serializer.
    private static string Serialized(Codebook codebook)
    {
        var document = new CodebookDocument
        {
            Name = codebook.Name,
            Description = codebook.Description,
            Language = codebook.Language,
            IgnoreDiacritics = codebook.IgnoreDiacritics,
            Method = codebook.Method is not { } method ? null : new MethodDocument
            {
                Citation = method.Citation,
                Unit = method.Unit is { } unit ? CodingUnits.Name(unit) : null,
                Documents = Number(method.Documents),
                Communities = Number(method.Communities),
                Tool = method.Tool,
                Gaps = method.Gaps.Count == 0 ? null : [.. method.Gaps],
            },
            Themes =
            [
                .. codebook.Themes.Select(t => new ThemeDocument
                {
                    Name = t.Name,
                    Description = t.Description,
                    Color = t.Color,
                    Codes =
                    [
                        .. t.Codes.Select(c => new CodeDocument
                        {
                            Name = c.Name,
                            Description = c.Description,
                            Color = c.Color,
                            Patterns = [.. c.Patterns],
                            Reference = Number(c.Reference),
                            Examples = c.Examples.Count == 0 ? null : [.. c.Examples],
                            Citation = c.Citation,
                        }),
                    ],
                }),
            ],
        };
        return new SerializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
            .Build()
            .Serialize(document);
    }

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
