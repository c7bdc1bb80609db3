using Waymark.SelfHelp.Content;
using Waymark.Testing;
using Waymark.Web.Localization;
using Waymark.Web.Translations;
using Xunit.Abstractions;

namespace Waymark.Web.Tests;

/// <summary>
/// The translation check (docs/translation.md): every content item exists in every language unless
/// listed in <c>content/translation-gaps/{lang}.txt</c> (a ratchet: listed items that now exist fail too),
/// every translation carries valid metadata, and translations of an older English text are reported stale.
/// </summary>
public sealed class TranslationCheckTests(ITestOutputHelper output)
{
    private static readonly string ShippedRoot = Path.Combine(TestEnvironment.RepositoryRoot, "content");

    private static readonly IReadOnlyList<string> AllCodes = Languages.All.Select(language => language.Code).ToList();

    [Fact]
    public void The_shipped_content_passes_the_translation_check()
    {
        var inventory = TranslationInventory.Load(ShippedRoot, AllCodes);

        Assert.Contains("selfhelp/index.md", inventory.Items);
        Assert.Contains("selfhelp/01-why-change.md", inventory.Items);
        Assert.Contains("parents/01-data-literacy.md", inventory.Items);
        Assert.Contains("reporting/reporting.md", inventory.Items);
        Assert.Contains(TranslationInventory.MessagesItem, inventory.Items);
        Assert.Contains(TranslationInventory.DirectoryNotesItem, inventory.Items);
        Assert.Equal(23, inventory.Languages.Count);

        // The directory's notes are short and change with the entries: a note translated from an older English note fails here.
        Assert.All(inventory.Languages, language => Assert.NotEqual(TranslationState.Stale, inventory.Find(TranslationInventory.DirectoryNotesItem, language)!.State));

        var stale = inventory.Entries.Where(entry => entry.State == TranslationState.Stale).ToList();
        foreach (var entry in stale)
        {
            output.WriteLine($"stale: {entry.Path} (translated from {entry.Metadata.SourceSha256})");
        }

        var complete = inventory.Entries.Count(entry => entry.IsComplete);
        output.WriteLine($"{complete} of {inventory.Entries.Count()} item translations complete, {stale.Count} stale, "
            + $"{inventory.Entries.Count(entry => entry.IsComplete && entry.Metadata.IsMachineDraft)} machine drafts.");
        var problems = inventory.Check(ShippedRoot);
        Assert.True(problems.Count == 0, "The translation check failed (docs/translation.md):\n" + string.Join("\n", problems));
    }

    [Fact]
    public void An_item_missing_and_not_listed_as_a_gap_fails()
    {
        using var content = new ContentTree();
        content.WriteGaps("fi", "# known gaps", "selfhelp/index.md");

        var problems = content.Check();

        Assert.Contains(problems, problem => problem == $"parents/01-a.md has no fi translation and is not listed in translation-gaps/fi.txt.");
        Assert.Contains(problems, problem => problem == $"{TranslationInventory.MessagesItem} has no fi translation and is not listed in translation-gaps/fi.txt.");
        Assert.DoesNotContain(problems, problem => problem.StartsWith("selfhelp/index.md has no fi", StringComparison.Ordinal));
    }

    [Fact]
    public void A_listed_gap_that_now_exists_fails_so_the_lists_only_shrink()
    {
        using var content = new ContentTree();
        content.ListEverythingAsGaps();
        Assert.Empty(content.Check());

        content.Write("parents/fi/01-a.md", Article("a", "Otsikko", "machine-draft", content.HashOf("parents/en/01-a.md")));

        Assert.Equal(
            ["translation-gaps/fi.txt lists 'parents/01-a.md', but parents/fi/01-a.md now exists: delete that line (the gap lists only shrink)."],
            content.Check());
    }

    [Fact]
    public void A_gap_list_naming_no_item_fails()
    {
        using var content = new ContentTree();
        content.ListEverythingAsGaps();
        content.WriteGaps("de", "selfhelp/no-such-module.md");

        Assert.Contains(content.Check(), problem => problem.StartsWith("translation-gaps/de.txt lists 'selfhelp/no-such-module.md', which is not a content item", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "0123456789abcdef", "has no 'translation' (machine-draft or reviewed).")]
    [InlineData("draft", "0123456789abcdef", "has translation 'draft'; use machine-draft or reviewed.")]
    [InlineData("machine-draft", "", "has no 'sourceSha256' (the first 16 hex digits of the English file's SHA-256).")]
    [InlineData("machine-draft", "0123456789ABCDEF", "has sourceSha256 '0123456789ABCDEF'; it must be 16 lower-case hex digits.")]
    [InlineData("reviewed", "0123456789abcdef", "is marked reviewed but has no 'reviewedBy'.")]
    public void A_translation_without_valid_metadata_fails(string translation, string hash, string expected)
    {
        using var content = new ContentTree();
        content.ListEverythingAsGaps();
        content.Write("parents/fi/01-a.md", Article("a", "Otsikko", translation, hash));
        content.RemoveGap("fi", "parents/01-a.md");

        Assert.Equal([$"parents/fi/01-a.md {expected}"], content.Check().Where(problem => !problem.Contains("reviewedOn", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_reviewed_translation_names_its_reviewer_and_date()
    {
        using var content = new ContentTree();
        content.ListEverythingAsGaps();
        content.RemoveGap("fi", "parents/01-a.md");
        var hash = content.HashOf("parents/en/01-a.md");
        content.Write("parents/fi/01-a.md", Article("a", "Otsikko", "reviewed", hash, "reviewedBy: A. Reviewer\nreviewedOn: 2026-12-01\n"));

        Assert.Empty(content.Check());
        var entry = content.Inventory().Find("parents/01-a.md", "fi")!;
        Assert.Equal(TranslationState.Current, entry.State);
        Assert.Equal(new TranslationMetadata("reviewed", hash, "A. Reviewer", "2026-12-01"), entry.Metadata);
        Assert.False(entry.Metadata.IsMachineDraft);
    }

    [Fact]
    public void A_translation_of_an_older_english_text_is_reported_stale_and_still_passes()
    {
        using var content = new ContentTree();
        content.ListEverythingAsGaps();
        content.RemoveGap("fi", "parents/01-a.md");
        content.Write("parents/fi/01-a.md", Article("a", "Otsikko", "machine-draft", content.HashOf("parents/en/01-a.md")));
        Assert.Equal(TranslationState.Current, content.Inventory().Find("parents/01-a.md", "fi")!.State);
        Assert.True(content.Inventory().Find("parents/01-a.md", "fi")!.Metadata.IsMachineDraft);

        content.Write("parents/en/01-a.md", Article("a", "Title, changed", "", ""));

        Assert.Equal(TranslationState.Stale, content.Inventory().Find("parents/01-a.md", "fi")!.State);
        Assert.True(content.Inventory().IsStale("parents/01-a.md", "fi"));
        Assert.Empty(content.Check());
        var library = ContentLibrary.Load(content.Root, ["en", "fi"]);
        Assert.Equal(new ContentLanguage("fi", false, true), library.ParentsIn("fi")[0].Language);
    }

    [Fact]
    public void Messages_are_complete_only_with_every_english_key_and_carry_comment_metadata()
    {
        using var content = new ContentTree();
        content.ListEverythingAsGaps();
        content.RemoveGap("fi", TranslationInventory.MessagesItem);
        var hash = content.HashOf("screening/messages/en.txt");
        content.Write("screening/messages/fi.txt", $"# translation: machine-draft\n# sourceSha256: {hash}\nheading = Haku pysäytettiin\n");

        var entry = content.Inventory().Find(TranslationInventory.MessagesItem, "fi")!;
        Assert.Equal(TranslationState.Partial, entry.State);
        Assert.Equal(["help"], entry.MissingKeys);
        Assert.Equal(["screening/messages/fi.txt lacks help: add them, or list 'screening/messages.txt' in translation-gaps/fi.txt."], content.Check());

        content.Write("screening/messages/fi.txt", $"# Finnish\n# translation: machine-draft\n# sourceSha256: {hash}\n\nheading = Haku pysäytettiin\nhelp = Apua\n");
        Assert.Equal(TranslationState.Current, content.Inventory().Find(TranslationInventory.MessagesItem, "fi")!.State);
        Assert.Empty(content.Check());

        content.Write("screening/messages/fi.txt", "heading = Haku pysäytettiin\n# translation: machine-draft\nhelp = Apua\n");
        Assert.Equal(
            ["screening/messages/fi.txt has no 'translation' (machine-draft or reviewed).", "screening/messages/fi.txt has no 'sourceSha256' (the first 16 hex digits of the English file's SHA-256)."],
            content.Check());
    }

    [Fact]
    public void Directory_notes_are_complete_with_a_note_for_every_entry_and_stale_when_an_english_note_changes()
    {
        using var content = new ContentTree();
        content.ListEverythingAsGaps();
        content.RemoveGap("fi", TranslationInventory.DirectoryNotesItem);
        var english = File.ReadAllLines(Path.Combine(content.Root, "directory", "notes", "en.txt")).Where(line => !line.StartsWith('#') && line.Contains(" = ", StringComparison.Ordinal)).ToList();
        var header = $"# translation: machine-draft\n# sourceSha256: {content.HashOf("directory/notes/en.txt")}\n";
        var all = english.Select(line => line[..line.IndexOf(" = ", StringComparison.Ordinal)] + " = Suomeksi.").ToList();
        content.Write("directory/notes/fi.txt", header + string.Join("\n", all.Skip(1)) + "\n");

        var entry = content.Inventory().Find(TranslationInventory.DirectoryNotesItem, "fi")!;
        Assert.Equal(TranslationState.Partial, entry.State);
        Assert.Equal(["inhope"], entry.MissingKeys);
        Assert.Equal(["directory/notes/fi.txt lacks inhope: add them, or list 'directory/notes.txt' in translation-gaps/fi.txt."], content.Check());

        content.Write("directory/notes/fi.txt", header + string.Join("\n", all) + "\nzorblat = Ei tällaista.\n");
        Assert.Equal(["directory/notes/fi.txt has 'zorblat', which notes/en.txt does not have."], content.Check());

        content.Write("directory/notes/fi.txt", header + string.Join("\n", all) + "\n");
        Assert.Equal(TranslationState.Current, content.Inventory().Find(TranslationInventory.DirectoryNotesItem, "fi")!.State);
        Assert.Empty(content.Check());

        content.Write("directory/notes/en.txt", string.Join("\n", english.Select(line => line.StartsWith("iwf =", StringComparison.Ordinal) ? "iwf = The UK hotline, changed." : line)) + "\n");
        Assert.Equal(TranslationState.Stale, content.Inventory().Find(TranslationInventory.DirectoryNotesItem, "fi")!.State);
        Assert.Empty(content.Check());
    }

    [Fact]
    public void Folders_and_files_that_match_no_language_or_source_fail()
    {
        using var content = new ContentTree();
        content.ListEverythingAsGaps();
        content.Write("parents/zh-Hans/01-a.md", Article("a", "标题", "machine-draft", content.HashOf("parents/en/01-a.md")));
        content.Write("selfhelp/fi/index-fi.md", Article("index", "Otsikko", "machine-draft", content.HashOf("selfhelp/en/index.md")));

        var problems = content.Check();

        Assert.Contains(problems, problem => problem.StartsWith("parents/zh-Hans/ is not a language folder", StringComparison.Ordinal));
        Assert.Contains("selfhelp/fi/index-fi.md has no English source selfhelp/en/index-fi.md: translations keep the English file names.", problems);
    }

    private static string Article(string id, string title, string translation, string hash, string extra = "") =>
        $"---\nid: {id}\norder: 1\ntitle: {title}\n"
        + (translation.Length > 0 ? $"translation: {translation}\n" : "")
        + (hash.Length > 0 ? $"sourceSha256: {hash}\n" : "")
        + extra + "---\nText.\n";

    /// <summary>A small content folder: a programme introduction, one parents' article, reporting guidance and two messages.</summary>
    private sealed class ContentTree : IDisposable
    {
        private readonly TempFolder _folder = TempFolder.Create("translations");

        public ContentTree()
        {
            Root = _folder.Path;
            Write("selfhelp/en/index.md", Article("index", "Introduction", "", ""));
            Write("selfhelp/en/01-start.md", "---\nid: start\norder: 1\ntitle: Start\nexercises:\n  - id: why\n    type: text\n    prompt: Why?\n---\nText.\n");
            Write("parents/en/01-a.md", Article("a", "Title", "", ""));
            Write("reporting/en/reporting.md", Article("reporting", "Reporting", "", ""));
            Write("about/en/about.md", Article("about", "About", "", ""));
            Write("professionals/en/professionals.md", Article("professionals", "For professionals", "", ""));
            Write("screening/messages/en.txt", "# English\nheading = This search was stopped\nhelp = Help\n");
            Write("directory/directory.yaml", File.ReadAllText(Path.Combine(ShippedRoot, "directory", "directory.yaml")));
            Write("directory/notes/en.txt", File.ReadAllText(Path.Combine(ShippedRoot, "directory", "notes", "en.txt")));
        }

        public string Root { get; }

        public void Write(string relative, string text)
        {
            var path = Path.Combine(Root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        public string HashOf(string relative) => TranslationMetadata.HashOfFile(Path.Combine(Root, relative));

        public void WriteGaps(string language, params string[] lines) => Write($"translation-gaps/{language}.txt", string.Join("\n", lines) + "\n");

        public void ListEverythingAsGaps()
        {
            var inventory = Inventory();
            foreach (var language in inventory.Languages)
            {
                WriteGaps(language, [.. inventory.Items]);
            }
        }

        public void RemoveGap(string language, string item)
        {
            var path = Path.Combine(Root, TranslationInventory.GapsFolder, language + ".txt");
            File.WriteAllLines(path, File.ReadAllLines(path).Where(line => line != item));
        }

        public TranslationInventory Inventory() => TranslationInventory.Load(Root, AllCodes);

        public IReadOnlyList<string> Check() => Inventory().Check(Root);

        public void Dispose() => _folder.Dispose();
    }
}
