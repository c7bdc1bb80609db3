using System.Diagnostics;
using Waymark.Content.Codebooks;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Waymark.Content.Tests;

/// <summary>
/// The event-level codebook reader against YamlDotNet's reflection deserialiser, which it replaced (kept here as
/// the reference): the same codebooks from the same YAML, and at least as clear errors.
/// </summary>
public sealed class CodebookReaderTests
{
    private const string Flow = """
        # flow style, quoting, folding, anchors and aliases
        name: "flow book"
        description: >-
          Two lines
          folded.
        ignore_diacritics: yes
        themes:
          - {name: 'T one', color: "#aabbcc", codes: [{name: a, patterns: &shared [zorblat, "quen mix", 're:qu[ae]nmix']}, {name: b, description: ~, patterns: *shared}]}
          - name: T two
            description: |
              literal
            codes:
              - name: c
                color: "#123456"
                patterns:
                  - "feel*"
                  - null
                  - 'it''s'
        """;

    private static Result<Codebook> Reference(string yaml, string where)
    {
        CodebookDocument? document;
        try
        {
            document = new DeserializerBuilder()
                .WithNamingConvention(UnderscoredNamingConvention.Instance)
                .WithMaximumRecursion(32)
                .Build()
                .Deserialize<CodebookDocument?>(yaml);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // YamlDotNet throws InvalidOperationException on a few malformed streams (content after '...').
            return Result.Fail<Codebook>($"{where}: {e.Message}");
        }

        return document is null ? Result.Fail<Codebook>("empty") : CodebookYaml.Validate(document, where);
    }

    private static string Describe(Codebook codebook) =>
        $"{codebook.Name}|{codebook.Description}|{codebook.IgnoreDiacritics}\n"
        + string.Join("\n", codebook.Themes.Select(t => $"{t.Name}|{t.Description}|{t.Color}")) + "\n"
        + CodebookTests.Describe(codebook);

    private static IEnumerable<string> Seeds() =>
    [
        File.ReadAllText(Path.Combine(Files.Codebooks, "huikuri-2022.yaml")),
        File.ReadAllText(Path.Combine(Files.Codebooks, "implicit-theories.yaml")),
        Flow,
    ];

    [Fact]
    public void The_starter_codebooks_and_every_yaml_style_read_as_the_reflection_deserialiser_reads_them()
    {
        foreach (var yaml in Seeds())
        {
            var expected = Reference(yaml, "x");
            var actual = CodebookYaml.Parse(yaml, "x");
            Assert.True(expected.IsSuccess, expected.Error);
            Assert.True(actual.IsSuccess, actual.Error);
            Assert.Equal(Describe(expected.Value!), Describe(actual.Value!));
        }

        var flow = CodebookYaml.Parse(Flow, "x").Value!;
        Assert.Equal(("Two lines folded.", true), (flow.Description, flow.IgnoreDiacritics));
        Assert.Equal(flow.Codes[0].Patterns, flow.Codes[1].Patterns);
        Assert.Equal(["feel*", "it's"], flow.Codes[2].Patterns);
    }

    [Fact]
    public void Mutated_codebooks_read_as_the_reflection_deserialiser_reads_them_and_never_throw()
    {
        var random = new Random(5201);
        var seeds = Seeds().ToArray();
        var watch = Stopwatch.StartNew();
        var (rounds, accepted, refused) = (0, 0, 0);
        while (watch.Elapsed < TimeSpan.FromSeconds(3) || rounds < 300)
        {
            rounds++;
            var yaml = FuzzTests.MutateYaml(random, seeds[random.Next(seeds.Length)]);
            var actual = CodebookYaml.Parse(yaml, "m.yaml");
            var expected = Reference(yaml, "m.yaml");
            if (expected.IsSuccess)
            {
                // The intended differences: a key given twice is refused instead of the last one silently winning, and
                // a type tag (!!int, !!bool, ...) instead of converting the value to other text.
                if (!actual.IsSuccess && (actual.Error!.Contains("appears twice", StringComparison.Ordinal) || actual.Error.Contains("means nothing", StringComparison.Ordinal)))
                {
                    continue;
                }

                Assert.True(actual.IsSuccess, $"{actual.Error}\n---\n{yaml}");
                Assert.Equal(Describe(expected.Value!), Describe(actual.Value!));
                accepted++;
            }
            else
            {
                Assert.False(actual.IsSuccess, $"the reference refused ({expected.Error}) but the reader accepted:\n{yaml}");
                Assert.False(string.IsNullOrWhiteSpace(actual.Error));
                refused++;
            }
        }

        Assert.True(accepted > 10 && refused > 10, $"{accepted} accepted, {refused} refused of {rounds}");
    }

    [Fact]
    public void The_event_parser_gives_the_events_of_YamlDotNets_parser()
    {
        var random = new Random(7301);
        var seeds = Seeds().ToArray();
        var watch = Stopwatch.StartNew();
        var (rounds, same, bothFailed) = (0, 0, 0);
        while (watch.Elapsed < TimeSpan.FromSeconds(3) || rounds < 300)
        {
            rounds++;
            var yaml = rounds <= seeds.Length ? seeds[rounds - 1] : FuzzTests.MutateYaml(random, seeds[random.Next(seeds.Length)]);
            var expected = new List<string>();
            Exception? failure = null;
            try
            {
                var parser = new Parser(new StringReader(yaml));
                while (parser.MoveNext())
                {
                    expected.Add(Show(parser.Current!));
                }
            }
            catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
            {
                failure = e;
            }

            var (events, error) = YamlEvents.Parse(yaml);
            var actual = events.Select(Show).ToList();
            if (failure is null)
            {
                Assert.True(error is null, $"{error?.Message}\n---\n{yaml}");
                Assert.Equal(expected, actual);
                same++;
            }
            else
            {
                Assert.True(error is not null, $"YamlDotNet refused ({failure.Message}) but the events are whole:\n{yaml}");
                Assert.Equal(expected.Take(actual.Count), actual.Take(expected.Count));
                bothFailed++;
            }
        }

        Assert.True(same > 10 && bothFailed > 10, $"{same} the same, {bothFailed} refused by both, of {rounds}");
    }

    private static string Show(ParsingEvent e) => e switch
    {
        YamlDotNet.Core.Events.Scalar s => $"scalar {s.Anchor} {s.Tag} {s.Style} '{s.Value}' {s.Start.Line}:{s.Start.Column}",
        NodeEvent n => $"{n.GetType().Name} {n.Anchor} {n.Tag} {n.Start.Line}:{n.Start.Column}",
        _ => e.GetType().Name,
    };

    [Theory]
    [InlineData("name: x\nthemes:\n  - name: t\n    codse: []", "unknown key 'codse' in a theme; use name, description, color, codes (line 4, column 5)")]
    [InlineData("name: x\nthemes: [{name: t, codes: [{name: c, patterns: feel}]}]", "'patterns' must be a list")]
    [InlineData("name: x\nthemes: [{name: t, codes: [{name: c, patterns: [[a]]}]}]", "each pattern must be text")]
    [InlineData("name: x\nname: y\nthemes: []", "the key 'name' appears twice in the codebook (line 2, column 1)")]
    [InlineData("name: x\nignore_diacritics: maybe\nthemes: []", "'ignore_diacritics' must be true or false (line 2")]
    [InlineData("name: x\nthemes: [{name: t, codes: [{name: c, patterns: *p}]}]", "the alias *p has no anchor &p before it")]
    [InlineData("name: x\nthemes: &t [{name: t, codes: *t}]", "is inside the node it names")]
    [InlineData("- a\n- b", "the codebook must be a mapping")]
    [InlineData("name: x\nthemes: []\n---\nname: y", "one YAML document")]
    [InlineData("name: x\n{a: b}: c", "must be plain words")]
    [InlineData("name: !thing x\nthemes: []", "the tag '!thing' means nothing in a codebook")]
    public void Errors_name_the_key_and_where_it_is(string yaml, string message)
    {
        var result = CodebookYaml.Parse(yaml, "cb.yaml");
        Assert.False(result.IsSuccess);
        Assert.StartsWith("cb.yaml: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_that_repeat_too_much_are_refused()
    {
        var codes = "{name: c, patterns: &p [zorblat, zorblat, zorblat, zorblat, zorblat, zorblat, zorblat, zorblat]}, "
            + string.Join(", ", Enumerable.Range(0, 2000).Select(i => $"{{name: c{i}, patterns: *p}}"));
        var themes = string.Join(", ", Enumerable.Range(0, 100).Select(i => $"{{name: t{i}, codes: *codes}}"));
        var text = $"name: x\nthemes: [{{name: first, codes: &codes [{codes}]}}, {themes}]";
        var result = CodebookYaml.Parse(text, "big.yaml");
        Assert.False(result.IsSuccess);
        Assert.Contains("repeat too many nodes", result.Error, StringComparison.Ordinal);
    }
}
