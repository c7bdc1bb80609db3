using Waymark.SelfHelp.Content;
using Waymark.Testing;

namespace Waymark.SelfHelp.Tests;

public sealed class ContentLibraryTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ContentLibraryTests");

    public void Dispose() => _temp.Dispose();

    private static readonly string ShippedRoot = Path.Combine(TestEnvironment.RepositoryRoot, "content");
    private static readonly string[] Translated = ["ar", "de", "es"];

    private static ContentLibrary LoadShipped() => ContentLibrary.Load(ShippedRoot, ["en", "ar", "de", "es", "fi", "ja"]);

    [Fact]
    public void The_programme_has_at_least_14_modules_with_exercises_of_every_kind()
    {
        var programme = LoadShipped().ProgrammeIn("en");

        Assert.True(programme.Modules.Count >= 14, $"{programme.Modules.Count} modules");
        Assert.Equal(programme.Modules.Count, programme.Modules.Select(module => module.Id).Distinct().Count());
        var kinds = programme.Modules.SelectMany(module => module.Exercises).Select(exercise => exercise.Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<ExerciseKind>().ToHashSet(), kinds);
        // The references alone, shown as published (in English): what the page says about them is translated (Help.SourcesNote).
        var sources = HtmlPage.Parse(programme.SourcesHtml).Body!;
        Assert.Equal(["UL"], sources.Children.Select(element => element.TagName));
        Assert.False(sources.Has("p"));
        Assert.Contains(sources.Texts("li"), reference => reference.Contains("Ward, T., & Keenan, T.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("de")]
    [InlineData("es")]
    public void Three_translations_show_every_translated_module_in_their_own_language_and_the_rest_in_english(string language)
    {
        var library = LoadShipped();
        var programme = library.ProgrammeIn(language);
        var english = library.ProgrammeIn("en");
        var translatedFiles = Directory.EnumerateFiles(Path.Combine(ShippedRoot, "selfhelp", language), "*.md").Select(Path.GetFileName).ToHashSet();

        Assert.Equal(english.Modules.Select(module => module.Id), programme.Modules.Select(module => module.Id));
        var own = programme.Modules.Where(module => !module.Language.IsFallback).ToList();
        Assert.True(own.Count >= 10, $"{own.Count} translated modules");
        Assert.All(own, module => Assert.Equal(language, module.Language.Code));
        Assert.All(own, module => Assert.DoesNotContain(english.Modules, original => original.Title == module.Title));
        // A module without a translation file is shown in English and says so; none is silently missing.
        Assert.Equal(english.Modules.Count - own.Count, Directory.EnumerateFiles(Path.Combine(ShippedRoot, "selfhelp", "en"), "*.md").Count(path => Path.GetFileName(path) != "index.md" && !translatedFiles.Contains(Path.GetFileName(path)) && !IsTool(path)));
        Assert.All(programme.Modules.Where(module => module.Language.IsFallback), module => Assert.Equal(new ContentLanguage("en", true), module.Language));
        Assert.False(programme.Introduction.Language.IsFallback);
    }

    [Fact]
    public void A_language_without_translation_falls_back_to_english_and_says_so()
    {
        // A copy of the shipped content without Finnish and Japanese translations, whether or not they ship.
        var root = CopyShipped(_temp);
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
        Assert.True(HtmlPage.Parse(finnish.Introduction.Html).Has("a[href='/fi/directory']"));
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
        var root = CopyShipped(_temp);
        var path = Path.Combine(root, "selfhelp", "en", "03-my-pattern.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace("type: checklist", "type: zorblat", StringComparison.Ordinal));

        var error = Assert.Throws<ContentException>(() => ContentLibrary.Load(root, ["en"]));

        Assert.Equal(path, error.Path);
        Assert.Contains("type 'zorblat'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_module_is_an_honest_draft_with_its_sources_and_the_reading_has_at_least_6000_english_words()
    {
        var programme = LoadShipped().ProgrammeIn("en");

        Assert.All(programme.Modules, module => Assert.Equal(new ClinicalReview("draft", "", ""), module.Review));
        Assert.All(programme.Modules, module => Assert.True(module.Sources.Count >= 2, $"{module.Id} names {module.Sources.Count} sources"));
        // The named topics each have a module.
        Assert.Superset(
            new HashSet<string> { "why-change", "real-not-virtual", "my-pattern", "excusing-thoughts", "managing-urges", "online-habits", "other-users", "sexual-interest", "risk-of-contact", "emotions", "life-worth-living", "relapse-prevention", "professional-help", "keeping-going" },
            programme.Modules.Select(module => module.Id).ToHashSet());
        var words = Directory.EnumerateFiles(Path.Combine(ShippedRoot, "selfhelp", "en"), "*.md")
            .Select(path => File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal))
            .Select(text => text[(text.IndexOf("\n---\n", 3, StringComparison.Ordinal) + 5)..])
            .Sum(body => body.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(words >= 6000, $"{words} words of reading");
    }

    [Theory]
    [InlineData("review: draft", "review: zorblat", "review 'zorblat'")]
    [InlineData("review: draft", "review: reviewed", "is marked reviewed but lacks")]
    public void A_module_without_an_honest_review_status_stops_loading(string from, string to, string message)
    {
        var root = CopyShipped(_temp);
        var path = Path.Combine(root, "selfhelp", "en", "14-emotions.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace(from, to, StringComparison.Ordinal));

        var error = Assert.Throws<ContentException>(() => ContentLibrary.Load(root, ["en"]));

        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_translation_that_asks_different_questions_is_refused()
    {
        var root = CopyShipped(_temp);
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
        var root = CopyShipped(_temp);
        var path = Path.Combine(root, "parents", "en", "99-broken.md");
        File.WriteAllText(path, text);

        var error = Assert.Throws<ContentException>(() => ContentLibrary.Load(root, ["en"]));

        Assert.Equal(path, error.Path);
    }

    private static bool IsTool(string path) => File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Contains("\ntool: true\n", StringComparison.Ordinal);

    internal static string CopyShipped(TempFolder temp)
    {
        var target = temp.NewFolder("content");
        foreach (var file in Directory.EnumerateFiles(ShippedRoot, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(ShippedRoot, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }
}
