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
    /// The page that shows a new recovery phrase says how many words it has: the number must be that of the phrase given in
    /// the language (docs/adr/0031), eight where the language has a list of its own and seven for the English list.
    /// </summary>
    [Theory]
    [InlineData("en", "seven", "eight")]
    [InlineData("ar", "سبع", "ثماني")]
    [InlineData("bs", "sedam", "osam")]
    [InlineData("de", "sieben", "acht")]
    [InlineData("el", "επτά", "οκτώ")]
    [InlineData("es", "siete", "ocho")]
    [InlineData("fa", "هفت", "هشت")]
    [InlineData("fi", "seitsemän", "kahdeksan")]
    [InlineData("fr", "sept", "huit")]
    [InlineData("hi", "सात", "आठ")]
    [InlineData("hr", "sedam", "osam")]
    [InlineData("it", "sette", "otto")]
    [InlineData("ja", "7", "8")]
    [InlineData("ne", "सात", "आठ")]
    [InlineData("nl", "zeven", "acht")]
    [InlineData("pl", "siedem", "osiem")]
    [InlineData("pt", "sete", "oito")]
    [InlineData("ru", "семь", "восемь")]
    [InlineData("sr", "седам", "осам")]
    [InlineData("sv", "sju", "åtta")]
    [InlineData("ta", "ஏழு", "எட்டு")]
    [InlineData("uk", "сім", "вісім")]
    [InlineData("zh-hans", "七", "八")]
    [InlineData("zh-hant", "七", "八")]
    public void The_phrase_explanation_gives_the_number_of_words_of_the_phrase_in_that_language(string code, string seven, string eight)
    {
        var language = Languages.All.Single(l => l.Code == code);
        var file = Path.Combine(ResourceFolder, code == Languages.DefaultCode ? "SharedResource.resx" : $"SharedResource.{language.CultureName}.resx");
        var text = Read(file)["Help.PhraseExplained"];
        var (said, notSaid) = Secrets.RecoveryPhrase.WordsFor(code) switch
        {
            7 => (seven, eight),
            8 => (eight, seven),
            var other => throw new InvalidOperationException($"No number word for {other}."),
        };

        // Whole words for alphabetic scripts; Japanese and Chinese write the number without spaces around it.
        HashSet<string> tokens = code is "ja" or "zh-hans" or "zh-hant"
            ? [.. text.Select(character => character.ToString())]
            : text.Split([' ', ',', '.', '،', '—', ':'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        Assert.True(tokens.Contains(said), $"{code}: \"{text}\" should say {said}");
        Assert.False(tokens.Contains(notSaid), $"{code}: \"{text}\" says {notSaid}");
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
