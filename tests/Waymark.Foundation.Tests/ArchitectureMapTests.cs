using System.Text.RegularExpressions;
using System.Xml.Linq;
using Waymark.Testing;

namespace Waymark.Foundation.Tests;

/// <summary>docs/architecture.md draws which project references which; the drawing must be the build's truth.</summary>
public sealed partial class ArchitectureMapTests
{
    [Fact]
    public void The_map_of_project_references_is_exactly_what_the_project_files_say()
    {
        var documented = DocumentedReferences();
        var actual = Directory.GetDirectories(Path.Combine(TestEnvironment.RepositoryRoot, "src"), "Waymark.*")
            .ToDictionary(d => Short(Path.GetFileName(d)), d => ProjectReferences(Path.Combine(d, Path.GetFileName(d) + ".csproj")));

        Assert.Equal(actual.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (project, references) in actual)
        {
            Assert.True(
                references.SetEquals(documented[project]),
                $"{project}: the project file references [{string.Join(", ", references.Order(StringComparer.Ordinal))}], docs/architecture.md draws [{string.Join(", ", documented[project].Order(StringComparer.Ordinal))}].");
        }
    }

    [Fact]
    public void The_foundation_depends_on_nothing()
    {
        var project = XDocument.Load(Path.Combine(TestEnvironment.RepositoryRoot, "src", "Waymark.Foundation", "Waymark.Foundation.csproj"));

        Assert.DoesNotContain(project.Descendants(), e => e.Name.LocalName is "ProjectReference" or "PackageReference");
    }

    [Fact]
    public void Sep_is_referenced_by_the_csv_project_alone()
    {
        // Every other project reads and writes CSV through Waymark.Csv (docs/adr/0008-csv-on-sep.md).
        var referencing = Directory.GetFiles(Path.Combine(TestEnvironment.RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(csproj => XDocument.Load(csproj).Descendants().Any(e => e.Name.LocalName == "PackageReference" && e.Attribute("Include")?.Value is "Sep" or "csFastFloat"))
            .Select(Path.GetFileNameWithoutExtension);

        Assert.Equal(["Waymark.Csv"], referencing);
    }

    /// <summary>Reads the arrows of the map's code block: "A, B ──► C, D" means each of A and B references C and D.</summary>
    private static Dictionary<string, HashSet<string>> DocumentedReferences()
    {
        var text = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "docs", "architecture.md"));
        var block = CodeBlock().Match(text);
        Assert.True(block.Success, "docs/architecture.md has no code block drawing the references.");
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in block.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // A line may hold two arrows side by side ("Content ──► Text    Screening ──► Text") or a chain
            // ("... ──► Foundation ──► (nothing)"): each arrow's left side is the names just before it.
            var segments = Arrow().Split(line);
            for (var i = 0; i + 1 < segments.Length; i++)
            {
                var sources = LastGroup(segments[i]);
                var targets = FirstGroup(segments[i + 1]);
                foreach (var source in sources)
                {
                    var set = map.TryGetValue(source, out var found) ? found : map[source] = new HashSet<string>(StringComparer.Ordinal);
                    set.UnionWith(targets.Where(t => t != "(nothing)"));
                }
            }
        }

        return map;
    }

    private static string[] LastGroup(string segment) => Names(WideGap().Split(segment.Trim())[^1]);

    private static string[] FirstGroup(string segment) => Names(WideGap().Split(segment.Trim())[0]);

    private static string[] Names(string group) =>
        group.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Short).ToArray();

    private static string Short(string name) => name.StartsWith("Waymark.", StringComparison.Ordinal) ? name["Waymark.".Length..] : name;

    private static HashSet<string> ProjectReferences(string csproj) =>
        XDocument.Load(csproj).Descendants().Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => Short(Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/'))))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"## The projects and which way the references run\s*```\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(" ──► ")]
    private static partial Regex Arrow();

    [GeneratedRegex(@"\s{3,}")]
    private static partial Regex WideGap();
}
