using System.Globalization;

namespace Waymark.Screening.Messages;

/// <summary>A message variant: its id, theme and framing (content/screening/variants.tsv).</summary>
public sealed record WarningVariant(string Id, string Theme, string Framing);

/// <summary>
/// A help link: its id and its allow-listed target (content/screening/links.tsv); <c>{lang}</c> in the target is the language.
/// <paramref name="Languages"/> empty: the link for every language; else a per-language override of the link with the same id.
/// </summary>
internal sealed record HelpLink(string Id, string Target, IReadOnlyList<string> Languages);

/// <summary>The answer to a query that asks how to report, in <c>Language</c> (the one asked for, or English where it has none).</summary>
public sealed record ReportText(string Language, string Title, IReadOnlyList<string> Paragraphs);

/// <summary>
/// The warning text of one variant in one language, with the titles of the help links.
/// <c>Language</c> is the language the text is in: the one asked for, or English where it has no translation.
/// </summary>
public sealed record WarningText(string Language, WarningVariant Variant, string Heading, string HelpHeading, string Title, IReadOnlyList<string> Paragraphs, IReadOnlyList<(string Id, string Title)> Links);

/// <summary>
/// The editable warning messages: variants by theme and framing, help links, and one
/// <c>messages/{lang}.txt</c> per language with <c>variant.title</c>, <c>variant.body</c>
/// (repeated for each paragraph) and <c>link.id</c> lines. English is the fallback.
/// </summary>
internal sealed class WarningCatalog
{
    public const string FallbackLanguage = "en";

    private readonly Dictionary<string, Dictionary<string, List<string>>> _messages;

    private WarningCatalog(IReadOnlyList<WarningVariant> variants, IReadOnlyList<HelpLink> links, Dictionary<string, Dictionary<string, List<string>>> messages)
    {
        Variants = variants;
        Links = links.Where(link => link.Languages.Count == 0).ToList();
        Overrides = links.Where(link => link.Languages.Count > 0).ToList();
        _messages = messages;
        _variantsIn = messages.Keys.ToDictionary(language => language, language =>
        {
            var own = Variants.Where(variant => IsComplete(language, variant)).ToList();
            return own.Count > 0 ? (IReadOnlyList<WarningVariant>)own : Variants;
        }, StringComparer.Ordinal);
    }

    /// <summary>The variants each language of the messages shows (computed once: every matched query asks).</summary>
    private readonly Dictionary<string, IReadOnlyList<WarningVariant>> _variantsIn;

    /// <summary>True when <paramref name="language"/> has a messages file.</summary>
    public bool HasLanguage(string language) => _messages.ContainsKey(language);

    public IReadOnlyList<WarningVariant> Variants { get; }

    /// <summary>The links every warning shows, in order (rows of links.tsv without languages).</summary>
    public IReadOnlyList<HelpLink> Links { get; }

    /// <summary>Per-language targets (rows of links.tsv with a third column): the same link, sent elsewhere for those languages.</summary>
    public IReadOnlyList<HelpLink> Overrides { get; }

    public IEnumerable<string> Languages => _messages.Keys;

    public static Result<WarningCatalog> Load(string directory)
    {
        try
        {
            var variants = ReadTsv(Path.Combine(directory, "variants.tsv"), 3).Select(f => new WarningVariant(f[0], f[1], f[2])).ToList();
            var links = ReadTsv(Path.Combine(directory, "links.tsv"), 2, 3)
                .Select(f => new HelpLink(f[0], f[1], f.Length == 3 ? f[2].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(l => l.ToLowerInvariant()).ToList() : []))
                .ToList();
            var messages = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(Path.Combine(directory, "messages"), "*.txt"))
            {
                messages[Path.GetFileNameWithoutExtension(file).ToLowerInvariant()] = ReadMessages(file);
            }

            var catalog = new WarningCatalog(variants, links, messages);
            var problem = catalog.Check();
            return problem is null ? Result.Ok(catalog) : Result.Fail<WarningCatalog>($"{directory}: {problem}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return Result.Fail<WarningCatalog>($"Cannot read the warning messages in {directory}: {e.Message}");
        }
    }

    public WarningVariant? FindVariant(string? id) => Variants.FirstOrDefault(v => v.Id == id);

    public HelpLink? FindLink(string? id) => Links.FirstOrDefault(l => l.Id == id);

    /// <summary>The link as it is for <paramref name="language"/>: its override for that language where links.tsv has one, else the link for every language.</summary>
    public HelpLink? FindLink(string? id, string language) =>
        FindLink(id) is { } link ? Overrides.FirstOrDefault(o => o.Id == link.Id && o.Languages.Contains(language, StringComparer.Ordinal)) ?? link : null;


    /// <summary>
    /// The variants a reader of <paramref name="language"/> can be shown wholly in that language (its text,
    /// the heading and every link title): what the rotation picks from, so that variant and language are
    /// never confounded. A language with none gets the English variants (shown as English, with a notice).
    /// </summary>
    public IReadOnlyList<WarningVariant> VariantsIn(string language) =>
        _variantsIn.TryGetValue(language, out var variants) ? variants : Variants;

    /// <summary>True when <paramref name="language"/> has everything the warning of <paramref name="variant"/> shows.</summary>
    private bool IsComplete(string language, WarningVariant variant) =>
        _messages.TryGetValue(language, out var own)
        && own.ContainsKey(variant.Id + ".title") && own.ContainsKey("heading") && own.ContainsKey("help")
        && Links.All(link => own.ContainsKey("link." + link.Id));

    /// <summary>The variant's text in <paramref name="language"/>, or wholly in English when that language lacks any part of it (never a mix).</summary>
    public WarningText Text(string language, WarningVariant variant)
    {
        var lang = IsComplete(language, variant) ? language : FallbackLanguage;
        var messages = _messages[lang];
        var links = Links.Select(l => (l.Id, Lookup(messages, "link." + l.Id) ?? Lookup(_messages[FallbackLanguage], "link." + l.Id)!)).ToList();
        var english = _messages[FallbackLanguage];
        return new WarningText(
            lang,
            variant,
            Lookup(messages, "heading") ?? Lookup(english, "heading") ?? "",
            Lookup(messages, "help") ?? Lookup(english, "help") ?? "",
            messages[variant.Id + ".title"][0],
            messages[variant.Id + ".body"],
            links);
    }

    /// <summary>
    /// The answer to a query that asks how to report (<c>report.title</c>, <c>report.body</c> per paragraph) in
    /// <paramref name="language"/>, wholly in English where that language lacks it; null when English lacks it too.
    /// </summary>
    public ReportText? ReportText(string language)
    {
        foreach (var lang in new[] { language, FallbackLanguage })
        {
            if (_messages.TryGetValue(lang, out var own) && own.TryGetValue("report.title", out var title) && own.TryGetValue("report.body", out var body))
            {
                return new ReportText(lang, title[0], body);
            }
        }

        return null;
    }

    private static string? Lookup(Dictionary<string, List<string>> messages, string key) =>
        messages.TryGetValue(key, out var values) ? values[0] : null;

    private string? Check()
    {
        if (Variants.Count == 0 || Links.Count == 0)
        {
            return "variants.tsv and links.tsv must each list at least one entry.";
        }

        if (!_messages.TryGetValue(FallbackLanguage, out var english))
        {
            return "messages/en.txt is missing; English is the fallback for every language.";
        }

        foreach (var variant in Variants)
        {
            if (!english.ContainsKey(variant.Id + ".title") || !english.ContainsKey(variant.Id + ".body"))
            {
                return $"messages/en.txt lacks {variant.Id}.title or {variant.Id}.body.";
            }
        }

        foreach (var (language, messages) in _messages)
        {
            foreach (var variant in Variants)
            {
                if (messages.ContainsKey(variant.Id + ".title") != messages.ContainsKey(variant.Id + ".body"))
                {
                    return $"messages/{language}.txt has only one of {variant.Id}.title and {variant.Id}.body.";
                }
            }
        }

        foreach (var link in Overrides)
        {
            if (FindLink(link.Id) is null)
            {
                return $"links.tsv: {link.Id} for {string.Join(",", link.Languages)} overrides a link that has no row for every language.";
            }

            var earlier = Overrides.TakeWhile(o => !ReferenceEquals(o, link)).FirstOrDefault(o => o.Id == link.Id && o.Languages.Intersect(link.Languages).Any());
            if (earlier is not null)
            {
                return $"links.tsv: {link.Id} has two rows for {string.Join(",", earlier.Languages.Intersect(link.Languages))}.";
            }
        }

        if (Links.GroupBy(l => l.Id).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return $"links.tsv: {twice.Key} has two rows for every language; give the second its languages (third column).";
        }

        foreach (var link in Links.Concat(Overrides))
        {
            if (!english.ContainsKey("link." + link.Id))
            {
                return $"messages/en.txt lacks link.{link.Id}.";
            }

            if (!(link.Target.StartsWith('/') && !link.Target.StartsWith("//", StringComparison.Ordinal))
                && !(Uri.TryCreate(link.Target.Replace("{lang}", "en", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            {
                return $"links.tsv: the target of {link.Id} must be a path on this site (/...) or an http(s) address.";
            }
        }

        return null;
    }

    private static List<string[]> ReadTsv(string path, int columns) => ReadTsv(path, columns, columns);

    private static List<string[]> ReadTsv(string path, int columns, int maxColumns)
    {
        var rows = new List<string[]>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t', StringSplitOptions.TrimEntries);
            if (fields.Length < columns || fields.Length > maxColumns || fields.Any(f => f.Length == 0))
            {
                var count = columns == maxColumns ? columns.ToString(CultureInfo.InvariantCulture) : $"{columns.ToString(CultureInfo.InvariantCulture)} or {maxColumns.ToString(CultureInfo.InvariantCulture)}";
                throw new FormatException($"{Path.GetFileName(path)}:{number.ToString(CultureInfo.InvariantCulture)} needs {count} tab-separated values.");
            }

            rows.Add(fields);
        }

        return rows;
    }

    private static Dictionary<string, List<string>> ReadMessages(string path)
    {
        var messages = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"{Path.GetFileName(path)}:{number.ToString(CultureInfo.InvariantCulture)} is not 'key = text'.");
            }

            var key = line[..equals].Trim();
            if (!messages.TryGetValue(key, out var values))
            {
                messages[key] = values = [];
            }

            values.Add(line[(equals + 1)..].Trim());
        }

        return messages;
    }
}
