using Waymark.SelfHelp.Content;
using Waymark.Testing;

namespace Waymark.SelfHelp.Tests;

public sealed class ContentLibraryTests
{
    private static readonly string ShippedRoot = Path.Combine(TestEnvironment.RepositoryRoot, "content");
    private static readonly string[] Translated = ["ar", "de", "es"];

    private static ContentLibrary LoadShipped() => ContentLibrary.Load(ShippedRoot, ["en", "ar", "de", "es", "fi", "ja"]);

    [Fact]
    public void The_starter_programme_has_8_to_12_modules_with_exercises_of_every_kind()
    {
        var programme = LoadShipped().ProgrammeIn("en");

        Assert.InRange(programme.Modules.Count, 8, 12);
        Assert.Equal(programme.Modules.Count, programme.Modules.Select(module => module.Id).Distinct().Count());
        var kinds = programme.Modules.SelectMany(module => module.Exercises).Select(exercise => exercise.Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<ExerciseKind>().ToHashSet(), kinds);
        Assert.Contains("clinical review", programme.SourcesHtml, StringComparison.Ordinal);
        Assert.Contains("Ward, T., &amp; Keenan, T.", programme.SourcesHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("de")]
    [InlineData("es")]
    public void Three_translations_cover_every_module_in_their_own_language(string language)
    {
        var library = LoadShipped();
        var programme = library.ProgrammeIn(language);
        var english = library.ProgrammeIn("en");

        Assert.Equal(english.Modules.Select(module => module.Id), programme.Modules.Select(module => module.Id));
        Assert.All(programme.Modules, module => Assert.Equal(new ContentLanguage(language, false), module.Language));
        Assert.All(programme.Modules, module => Assert.DoesNotContain(english.Modules, original => original.Title == module.Title));
        Assert.False(programme.Introduction.Language.IsFallback);
    }

    [Fact]
    public void A_language_without_translation_falls_back_to_english_and_says_so()
    {
        // A copy of the shipped content without Finnish and Japanese translations, whether or not they ship.
        var root = CopyShipped();
        string[] areas = ["selfhelp", "parents", "reporting"];
        string[] untranslated = ["fi", "ja"];
        foreach (var folder in areas.SelectMany(area => untranslated.Select(code => Path.Combine(root, area, code))).Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }

        var library = ContentLibrary.Load(root, ["en", "fi", "ja"]);

        var finnish = library.ProgrammeIn("fi");

        Assert.All(finnish.Modules, module => Assert.Equal(new ContentLanguage("en", true), module.Language));
        Assert.True(finnish.Introduction.Language.IsFallback);
        Assert.Equal(library.ProgrammeIn("en").Modules[0].Title, finnish.Modules[0].Title);
        // Links in fallback content still lead to the reader's language.
        Assert.Contains("href=\"/fi/directory\"", finnish.Introduction.Html, StringComparison.Ordinal);
        Assert.All(library.ParentsIn("ja"), article => Assert.True(article.Language.IsFallback));
        Assert.Equal(5, library.ParentsIn("ja").Count);
        Assert.True(library.ReportingIn("ja").Language.IsFallback);
    }

    [Fact]
    public void Shipped_translations_exist_for_the_right_to_left_language()
    {
        Assert.Contains(Translated, code => code == "ar");
        Assert.Equal("rtl", LoadShipped().ProgrammeIn("ar").Modules[0].Language.Direction);
    }

    [Fact]
    public void A_broken_module_stops_loading_with_a_message_naming_the_file_and_problem()
    {
        var root = CopyShipped();
        var path = Path.Combine(root, "selfhelp", "en", "03-my-pattern.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace("type: checklist", "type: zorblat", StringComparison.Ordinal));

        var error = Assert.Throws<ContentException>(() => ContentLibrary.Load(root, ["en"]));

        Assert.Equal(path, error.Path);
        Assert.Contains("type 'zorblat'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_translation_that_asks_different_questions_is_refused()
    {
        var root = CopyShipped();
        var path = Path.Combine(root, "selfhelp", "de", "01-why-change.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace("id: reasons", "id: quenmix", StringComparison.Ordinal));

        var error = Assert.Throws<ContentException>(() => ContentLibrary.Load(root, ["en", "de"]));

        Assert.Contains("same exercises", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no front matter at all")]
    [InlineData("---\nid: x\ntitle: [unclosed\n---\nbody")]
    [InlineData("---\nid: x\ntitle: t\n")]
    [InlineData("---\nid: x\ntitle: t\nzorblat: 1\n---\nbody")]
    public void Malformed_front_matter_is_a_clear_error(string text)
    {
        var root = CopyShipped();
        var path = Path.Combine(root, "parents", "en", "99-broken.md");
        File.WriteAllText(path, text);

        var error = Assert.Throws<ContentException>(() => ContentLibrary.Load(root, ["en"]));

        Assert.Equal(path, error.Path);
    }

    private static string CopyShipped()
    {
        var target = TestEnvironment.NewTempDirectory("content");
        foreach (var file in Directory.EnumerateFiles(ShippedRoot, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(ShippedRoot, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }
}
