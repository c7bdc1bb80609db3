using System.Xml.Linq;
using Waymark.Testing;
using Waymark.Web.Localization;

namespace Waymark.Web.Tests;

public sealed class LocalisationTests
{
    private static readonly string ResourceFolder =
        Path.Combine(TestEnvironment.RepositoryRoot, "src", "Waymark.Web", "Resources");

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    public static TheoryData<string> TranslatedLanguages()
    {
        var data = new TheoryData<string>();
        foreach (var language in Languages.All.Where(l => l.Code != Languages.DefaultCode))
        {
            data.Add(language.CultureName);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TranslatedLanguages))]
    public void Every_language_has_every_string_that_English_has(string culture)
    {
        var english = Read(Path.Combine(ResourceFolder, "SharedResource.resx"));
        var file = Path.Combine(ResourceFolder, $"SharedResource.{culture}.resx");
        Assert.True(File.Exists(file), $"{file} is missing");
        var translated = Read(file);

        var missing = english.Keys.Where(key => !translated.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value)).ToList();
        Assert.True(missing.Count == 0, $"{culture} lacks: {string.Join(", ", missing)}");
        var unknown = translated.Keys.Except(english.Keys).ToList();
        Assert.True(unknown.Count == 0, $"{culture} has strings English does not: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Every_language_has_a_resource_file_and_a_working_culture()
    {
        Assert.Equal(24, Languages.All.Count);
        Assert.Equal(Languages.All.Count, Languages.All.Select(l => l.Code).Distinct().Count());
        Assert.All(Languages.All, l => Assert.False(l.Culture.IsNeutralCulture && l.Culture.Name.Length == 0));
        Assert.Equal(["ar", "fa"], Languages.All.Where(l => l.RightToLeft).Select(l => l.Code).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The Portuguese site speaks Brazilian Portuguese throughout, as its content translations do: no
    /// European forms in the interface (a page mixing "anónima" and "anônima" reads as careless).
    /// </summary>
    [Fact]
    public void Portuguese_interface_strings_are_consistently_brazilian()
    {
        var strings = Read(Path.Combine(ResourceFolder, "SharedResource.pt.resx"));
        var european = new[]
        {
            "anónim", "inquérito", "guardar e continuar", "equipa", "cifrad", "investigação", "seguinte",
            "contactos", "registo", " num ", " numa ", "utilizador", "ecrã", "telemóvel", "escreva a sua frase", "o seu próximo",
            "pode voltar atrás", "aplicações", "«",
        };
        var found = strings
            .SelectMany(s => european.Where(e => s.Value.Contains(e, StringComparison.OrdinalIgnoreCase)).Select(e => $"{s.Key}: {e}"))
            .ToList();
        Assert.True(found.Count == 0, string.Join("\n", found));
        Assert.Contains("anônima", strings["Home.Title"], StringComparison.Ordinal);
        Assert.Contains("Salvar", strings["Help.Save"], StringComparison.Ordinal);
        Assert.Contains("pesquisa", strings["Survey.Start"], StringComparison.Ordinal);
    }
}
