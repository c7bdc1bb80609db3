using System.Xml.Linq;
using Waymark.Testing;

namespace Waymark.Web.Tests;

/// <summary>
/// The UI strings are edited in <c>Resources/strings/{culture}.txt</c> and compiled to .resx by
/// <c>tools/resx.py</c>: each .resx must be exactly what the generator makes of its source, so an edit
/// on one side only (a translation fixed in the .txt but never regenerated, a hand edit of a .resx) fails.
/// </summary>
public sealed class TranslationSourceTests
{
    private static readonly string Resources = Path.Combine(TestEnvironment.RepositoryRoot, "src", "Waymark.Web", "Resources");

    private static string ResxOf(string culture) =>
        Path.Combine(Resources, culture == "en" ? "SharedResource.resx" : $"SharedResource.{culture}.resx");

    private static IEnumerable<string> SourceCultures() =>
        Directory.GetFiles(Path.Combine(Resources, "strings"), "*.txt").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal);

    public static TheoryData<string> Cultures() => [.. SourceCultures()];

    [Fact]
    public void Every_resx_has_a_source_and_every_source_a_resx()
    {
        var sources = SourceCultures().Select(ResxOf).Order(StringComparer.Ordinal);
        var compiled = Directory.GetFiles(Resources, "SharedResource*.resx").Order(StringComparer.Ordinal);
        Assert.Equal(sources, compiled);
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void The_resx_is_what_the_generator_makes_of_the_source(string culture)
    {
        var source = Path.Combine(Resources, "strings", culture + ".txt");
        var generated = Generate(source);
        var stored = File.ReadAllText(ResxOf(culture));
        if (generated == stored)
        {
            return;
        }

        var want = Entries(generated);
        var have = Entries(stored);
        var differing = want.Keys.Union(have.Keys).Order(StringComparer.Ordinal)
            .Where(key => !want.TryGetValue(key, out var a) || !have.TryGetValue(key, out var b) || a != b)
            .ToList();
        Assert.Fail($"{Path.GetFileName(ResxOf(culture))} does not match strings/{culture}.txt "
            + $"({(differing.Count == 0 ? "same entries, different text around them" : "differing keys: " + string.Join(", ", differing.Take(20)))}). "
            + $"Regenerate it: python3 tools/resx.py src/Waymark.Web/Resources/strings/{culture}.txt > {Path.GetRelativePath(TestEnvironment.RepositoryRoot, ResxOf(culture))}");
    }

    private static Dictionary<string, string> Entries(string resx) =>
        XDocument.Parse(resx).Root!.Elements("data")
            .GroupBy(d => (string)d.Attribute("name")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(" | ", g.Select(d => (string?)d.Element("value") ?? "")), StringComparer.Ordinal);

    private static string Generate(string source)
    {
        return ExternalProgram.Run("python3", [Path.Combine(TestEnvironment.RepositoryRoot, "tools", "resx.py"), source])
            .AssertSuccess().Output;
    }
}
