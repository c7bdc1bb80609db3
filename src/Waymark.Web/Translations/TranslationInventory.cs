using System.Collections.Frozen;
using Waymark.SelfHelp.Content;

namespace Waymark.Web.Translations;

/// <summary>How far one content item is translated into one language.</summary>
internal enum TranslationState
{
    /// <summary>No translated file: readers see the English text under a notice.</summary>
    Missing,

    /// <summary>A translated file that lacks some of the English entries (messages only).</summary>
    Partial,

    /// <summary>Translated from an older version of the English file: readers see a notice that it may be out of date.</summary>
    Stale,

    /// <summary>Translated from the current English file.</summary>
    Current,
}

/// <summary>
/// One content item in one language. <paramref name="Item"/> is the English source's path relative to
/// <c>content/</c> without its <c>en/</c> segment (<c>selfhelp/01-why-change.md</c>,
/// <c>screening/messages.txt</c>); <paramref name="Path"/> the translated file, relative to
/// <c>content/</c>, when it exists; <paramref name="Problems"/> what is wrong with its metadata or form.
/// </summary>
internal sealed record TranslationEntry(
    string Item,
    string Language,
    TranslationState State,
    string? Path,
    TranslationMetadata Metadata,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> MissingKeys)
{
    /// <summary>Complete: the whole item exists in this language (current or stale). What the gap lists are about.</summary>
    public bool IsComplete => State is TranslationState.Current or TranslationState.Stale;
}

/// <summary>
/// Every translatable content item and its state in every language, read from <c>content/</c>
/// (docs/translation.md): what the translation check in the tests, the pages' "may be out of date"
/// notices and the console's translation status page all read. Read once; content changes with a deployment.
/// </summary>
internal sealed class TranslationInventory
{
    /// <summary>The Markdown kinds: each has <c>content/{kind}/en/*.md</c> and <c>content/{kind}/{lang}/*.md</c>.</summary>
    internal static readonly IReadOnlyList<string> MarkdownKinds = ["selfhelp", "parents", "reporting", "about", "professionals"];

    internal const string MessagesItem = "screening/messages.txt";

    /// <summary>The directory's notes on each service: <c>content/directory/notes/{lang}.txt</c>, one <c>id = note</c> a line.</summary>
    internal const string DirectoryNotesItem = "directory/notes.txt";

    /// <summary>The <c>key = text</c> items: the item's name and the folder of its <c>{lang}.txt</c> files under <c>content/</c>.</summary>
    private static readonly IReadOnlyList<(string Item, string Folder)> KeyFileItems =
        [(MessagesItem, "screening/messages"), (DirectoryNotesItem, "directory/notes")];

    private readonly FrozenDictionary<(string Item, string Language), TranslationEntry> _entries;

    private TranslationInventory(IReadOnlyList<string> items, IReadOnlyList<string> languages, IReadOnlyList<TranslationEntry> entries, IReadOnlyList<string> problems)
    {
        Items = items;
        Languages = languages;
        _entries = entries.ToFrozenDictionary(entry => (entry.Item, entry.Language));
        Problems = problems;
    }

    /// <summary>The English items, in a stable order.</summary>
    public IReadOnlyList<string> Items { get; }

    /// <summary>The languages translated into (every UI language but English).</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>Problems not tied to one item: translated files or folders that match no English source.</summary>
    public IReadOnlyList<string> Problems { get; }

    public IEnumerable<TranslationEntry> Entries => Items.SelectMany(item => Languages.Select(language => _entries[(item, language)]));

    /// <summary>The entry of <paramref name="item"/> in <paramref name="language"/>; null for English or an unknown item.</summary>
    public TranslationEntry? Find(string item, string language) => _entries.GetValueOrDefault((item, language));

    /// <summary>True when readers of <paramref name="language"/> see a translation of <paramref name="item"/> made from an older English text.</summary>
    public bool IsStale(string item, string language) => Find(item, language)?.State == TranslationState.Stale;

    /// <summary>The inventory of the content shipped next to the binaries, for every UI language.</summary>
    public static TranslationInventory LoadShipped() =>
        Load(ContentLibrary.DefaultRoot, Localization.Languages.All.Select(language => language.Code));

    /// <summary>Reads the items under <paramref name="contentRoot"/> for each of <paramref name="languages"/> (English is the source, not a translation).</summary>
    public static TranslationInventory Load(string contentRoot, IEnumerable<string> languages)
    {
        ArgumentNullException.ThrowIfNull(languages);
        var codes = languages.Where(code => code != ContentLibrary.English).ToList();
        var items = new List<string>();
        var entries = new List<TranslationEntry>();
        var problems = new List<string>();
        foreach (var kind in MarkdownKinds)
        {
            ScanMarkdown(contentRoot, kind, codes, items, entries, problems);
        }

        foreach (var (item, folder) in KeyFileItems)
        {
            ScanKeyFiles(contentRoot, item, folder, codes, items, entries, problems);
        }
        return new TranslationInventory(items, codes, entries, problems);
    }

    /// <summary>The folder of the known-gap lists, <c>content/translation-gaps/{lang}.txt</c>.</summary>
    internal const string GapsFolder = "translation-gaps";

    /// <summary>
    /// Everything the translation check refuses (empty when the content passes): invalid metadata,
    /// files that match no English source, and the known-gap ratchet of <c>content/translation-gaps/{lang}.txt</c>:
    /// an item missing (or incomplete) and not listed fails, and so does an item listed but present, so that
    /// the lists only shrink. Stale translations are not refused: they are reported, and readers see a notice.
    /// </summary>
    public IReadOnlyList<string> Check(string contentRoot)
    {
        var problems = new List<string>(Problems);
        foreach (var entry in Entries)
        {
            problems.AddRange(entry.Problems.Select(problem => $"{entry.Path} {problem}"));
        }

        var folder = Path.Combine(contentRoot, GapsFolder);
        foreach (var file in Directory.Exists(folder) ? Directory.EnumerateFiles(folder) : [])
        {
            if (!Languages.Contains(Path.GetFileNameWithoutExtension(file), StringComparer.Ordinal) || Path.GetExtension(file) != ".txt")
            {
                problems.Add($"{GapsFolder}/{Path.GetFileName(file)} is not named by a translated language ({string.Join(", ", Languages)}) with .txt.");
            }
        }

        foreach (var language in Languages)
        {
            var path = Path.Combine(folder, language + ".txt");
            var listed = ReadGaps(path);
            var name = $"{GapsFolder}/{language}.txt";
            foreach (var item in listed.Where(item => !Items.Contains(item, StringComparer.Ordinal)))
            {
                problems.Add($"{name} lists '{item}', which is not a content item (items are English paths under content/ without 'en/', such as {Items[0]}).");
            }

            foreach (var entry in Items.Select(item => _entries[(item, language)]))
            {
                var isListed = listed.Contains(entry.Item);
                if (!entry.IsComplete && !isListed)
                {
                    problems.Add(entry.State == TranslationState.Partial
                        ? $"{entry.Path} lacks {string.Join(", ", entry.MissingKeys)}: add them, or list '{entry.Item}' in {name}."
                        : $"{entry.Item} has no {language} translation and is not listed in {name}.");
                }
                else if (entry.IsComplete && isListed)
                {
                    problems.Add($"{name} lists '{entry.Item}', but {entry.Path} now exists: delete that line (the gap lists only shrink).");
                }
            }
        }

        return problems;
    }

    /// <summary>The items a gap list names: one a line, <c>#</c> starts a comment; a missing file lists none.</summary>
    internal static HashSet<string> ReadGaps(string path) =>
        File.Exists(path)
            ? File.ReadLines(path).Select(line => (line.Contains('#', StringComparison.Ordinal) ? line[..line.IndexOf('#', StringComparison.Ordinal)] : line).Trim())
                .Where(line => line.Length > 0).ToHashSet(StringComparer.Ordinal)
            : [];

    private static void ScanMarkdown(string root, string kind, List<string> codes, List<string> items, List<TranslationEntry> entries, List<string> problems)
    {
        var folder = Path.Combine(root, kind);
        var english = Path.Combine(folder, ContentLibrary.English);
        var sources = Directory.Exists(english)
            ? Directory.EnumerateFiles(english, "*.md").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];
        foreach (var directory in Directory.Exists(folder) ? Directory.EnumerateDirectories(folder) : [])
        {
            var name = Path.GetFileName(directory);
            if (name != ContentLibrary.English && !codes.Contains(name, StringComparer.Ordinal))
            {
                problems.Add($"{kind}/{name}/ is not a language folder: folders are named by the language code in lower case ({string.Join(", ", codes)}).");
            }
        }

        foreach (var code in codes)
        {
            var translated = Path.Combine(folder, code);
            foreach (var orphan in Directory.Exists(translated) ? Directory.EnumerateFiles(translated).Select(Path.GetFileName).OfType<string>() : [])
            {
                if (!sources.Contains(orphan, StringComparer.Ordinal))
                {
                    problems.Add($"{kind}/{code}/{orphan} has no English source {kind}/en/{orphan}: translations keep the English file names.");
                }
            }
        }

        foreach (var file in sources)
        {
            var item = $"{kind}/{file}";
            items.Add(item);
            var hash = TranslationMetadata.HashOfFile(Path.Combine(english, file));
            foreach (var code in codes)
            {
                var path = Path.Combine(folder, code, file);
                entries.Add(File.Exists(path)
                    ? Entry(item, code, $"{kind}/{code}/{file}", MarkdownMetadata(path, out var problem), hash, problem is null ? [] : [problem], [])
                    : Missing(item, code));
            }
        }
    }

    /// <summary>
    /// A <c>key = text</c> item (warning messages, directory notes): <c>{folder}/en.txt</c> is the source, and a
    /// language's file is complete when it has every English key; its metadata is in its leading comment lines.
    /// </summary>
    private static void ScanKeyFiles(string root, string item, string relativeFolder, List<string> codes, List<string> items, List<TranslationEntry> entries, List<string> problems)
    {
        var folder = Path.Combine(root, relativeFolder);
        var englishPath = Path.Combine(folder, "en.txt");
        if (!File.Exists(englishPath))
        {
            return;
        }

        items.Add(item);
        var englishKeys = MessageKeys(File.ReadLines(englishPath));
        var hash = TranslationMetadata.HashOfFile(englishPath);
        var english = $"{Path.GetFileName(relativeFolder)}/en.txt";
        // The warning catalog and the directory read {lang}.txt whatever the case of the name (zh-Hans.txt is zh-hans).
        var files = Directory.EnumerateFiles(folder, "*.txt").ToDictionary(path => Path.GetFileNameWithoutExtension(path).ToLowerInvariant(), StringComparer.Ordinal);
        foreach (var name in files.Keys.Where(name => name != ContentLibrary.English && !codes.Contains(name, StringComparer.Ordinal)))
        {
            problems.Add($"{relativeFolder}/{name}.txt is not named by a language code ({string.Join(", ", codes)}).");
        }

        foreach (var code in codes)
        {
            if (!files.TryGetValue(code, out var path))
            {
                entries.Add(Missing(item, code));
                continue;
            }

            var lines = File.ReadAllLines(path);
            var keys = MessageKeys(lines);
            var missing = englishKeys.Where(key => !keys.Contains(key)).ToList();
            var unknown = keys.Where(key => !englishKeys.Contains(key)).Select(key => $"has '{key}', which {english} does not have.").ToList();
            entries.Add(Entry(item, code, $"{relativeFolder}/{Path.GetFileName(path)}", TranslationMetadata.FromCommentLines(lines), hash, unknown, missing));
        }
    }

    private static TranslationEntry Missing(string item, string code) =>
        new(item, code, TranslationState.Missing, null, TranslationMetadata.None, [], []);

    private static TranslationEntry Entry(string item, string code, string path, TranslationMetadata metadata, string englishHash, List<string> formProblems, List<string> missingKeys)
    {
        var state = missingKeys.Count > 0 ? TranslationState.Partial
            : metadata.IsStaleAgainst(englishHash) ? TranslationState.Stale
            : TranslationState.Current;
        return new TranslationEntry(item, code, state, path, metadata, [.. formProblems, .. metadata.Problems()], missingKeys);
    }

    private static TranslationMetadata MarkdownMetadata(string path, out string? problem)
    {
        try
        {
            var text = File.ReadAllText(path);
            problem = null;

            // Modules (with exercises) and articles have different front matter; both carry the same four keys.
            if (Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))) == "selfhelp" && Path.GetFileName(path) != "index.md")
            {
                var (module, _) = FrontMatter.Read<ModuleFile>(path, text);
                return new TranslationMetadata(module.Translation, module.SourceSha256, module.ReviewedBy, module.ReviewedOn);
            }

            var (header, _) = FrontMatter.Read<ArticleFile>(path, text);
            return new TranslationMetadata(header.Translation, header.SourceSha256, header.ReviewedBy, header.ReviewedOn);
        }
        catch (ContentException error)
        {
            problem = error.Message;
            return TranslationMetadata.None;
        }
    }

    /// <summary>The keys of a <c>key = text</c> file (comments and blank lines skipped).</summary>
    private static HashSet<string> MessageKeys(IEnumerable<string> lines) =>
        lines.Where(line => line.Trim() is { Length: > 0 } text && !text.StartsWith('#') && line.Contains('=', StringComparison.Ordinal))
            .Select(line => line[..line.IndexOf('=', StringComparison.Ordinal)].Trim())
            .ToHashSet(StringComparer.Ordinal);
}
