using Waymark.Screening.Messages;
using Waymark.Screening.Normalization;
using Waymark.Screening.Terms;

namespace Waymark.Screening;

/// <summary>
/// The one entry point of search screening: built once from a term list and the warning
/// messages, it tells whether a query seeks abuse material (robust to spacing, look-alike
/// letters, leetspeak, diacritics, invisible characters and repeats) and, if so, which warning
/// to show. Thread-safe. Never stores or logs a query.
/// </summary>
public sealed class Screener
{
    private readonly TermIndex _terms;

    /// <summary>Words and phrases that ask how or where to report (null: none loaded, every match gets the warning).</summary>
    private readonly TermIndex? _reportIntents;
    private readonly WarningCatalog _catalog;
    private readonly VariantRotation _rotation;
    private readonly string _linkBase;

    /// <summary>
    /// The warnings already built, by language (only languages with a messages file, so the set is bounded),
    /// variant and category: a warning depends on nothing else, and building one costs more than screening.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Language, string Variant, string? Category), ScreeningVerdict> _warnings = new();

    private Screener(TermIndex terms, TermIndex? reportIntents, WarningCatalog catalog, ScreenerOptions options)
        : this(terms, reportIntents, catalog, new VariantRotation(catalog.Variants, options.Rotation, options.Seed, options.Time), options.LinkBase.TrimEnd('/'))
    {
    }

    private Screener(TermIndex terms, TermIndex? reportIntents, WarningCatalog catalog, VariantRotation rotation, string linkBase)
    {
        _terms = terms;
        _reportIntents = reportIntents;
        _catalog = catalog;
        _rotation = rotation;
        _linkBase = linkBase;
    }

    /// <summary>Number of terms (allow-list entries not counted).</summary>
    public int TermCount => _terms.TermCount;

    /// <summary>The message variants, in file order.</summary>
    public IReadOnlyList<WarningVariant> Variants => _catalog.Variants;

    /// <summary>
    /// Loads the term list and the messages. A line of the list that cannot be read is skipped (see
    /// <see cref="OpenTermFile(ScreenerOptions)"/> to learn which), or refuses the list when <see cref="ScreenerOptions.StrictTerms"/>.
    /// </summary>
    public static Result<Screener> Load(ScreenerOptions options) =>
        LoadWithTermFile(options).Then(loaded => Result.Ok(loaded.Screener));

    /// <summary>
    /// Loads as <see cref="Load"/> does and also returns the term file read, so that a host can say which lines were
    /// skipped and follow later edits of the file. The normalisation tables are built once for both.
    /// </summary>
    public static Result<LoadedScreener> LoadWithTermFile(ScreenerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var normalizer = ScreeningNormalizer.CreateDefault();
        return OpenTermFile(options, normalizer)
            .Then(file => Create(file.Entries, options, normalizer)
                .Then(screener => Result.Ok(new LoadedScreener(screener, file))));
    }

    /// <summary>Reads the options' term list (the shipped one when none is set) as <see cref="Load"/> does, with what it skipped.</summary>
    public static Result<TermFile> OpenTermFile(ScreenerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OpenTermFile(options, ScreeningNormalizer.CreateDefault());
    }

    private static Result<TermFile> OpenTermFile(ScreenerOptions options, ScreeningNormalizer normalizer) =>
        TermFile.Open(options.TermsPath ?? options.DefaultTermsPath, options.StrictTerms, normalizer);

    /// <summary>Reads <paramref name="file"/> again from disk, as it was first read (strict or not): how a node follows an edited list.</summary>
    public Result<TermFile> ReopenTermFile(TermFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return TermFile.Open(file.Path, file.Strict, _terms.Normalizer);
    }

    /// <summary>Builds a screener from terms already read (for in-process use with a list from elsewhere).</summary>
    public static Result<Screener> Create(IEnumerable<TermEntry> terms, ScreenerOptions options) =>
        Create(terms, options, ScreeningNormalizer.CreateDefault());

    private static Result<Screener> Create(IEnumerable<TermEntry> terms, ScreenerOptions options, ScreeningNormalizer normalizer)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(options);
        return TermIndex.Build(terms, normalizer)
            .Then(index => LoadReportIntents(options, normalizer)
                .Then(intents => WarningCatalog.Load(options.ContentDirectory)
                    .Then(catalog => intents is not null && catalog.ReportText(WarningCatalog.FallbackLanguage) is null
                        ? Result.Fail<Screener>($"{options.ContentDirectory}: messages/en.txt lacks report.title or report.body, which the report-intent list needs.")
                        : Result.Ok(new Screener(index, intents, catalog, options)))));
    }

    /// <summary>
    /// The report-intent list: the one named in the options (which must exist), else <c>report-intent.tsv</c> of the
    /// content folder when it is there; null when there is none.
    /// </summary>
    private static Result<TermIndex?> LoadReportIntents(ScreenerOptions options, ScreeningNormalizer normalizer)
    {
        var path = options.ReportIntentPath ?? options.DefaultReportIntentPath;
        if (options.ReportIntentPath is null && !File.Exists(path))
        {
            return Result.Ok<TermIndex?>(null);
        }

        return TermListParser.Load(path)
            .Then(entries => entries.Any(e => e.Mode == MatchMode.Allow)
                ? Result.Fail<TermIndex>($"{path}: a report-intent list has no allow lines.")
                : TermIndex.Build(entries, normalizer))
            .Then(index => Result.Ok<TermIndex?>(index));
    }

    /// <summary>
    /// The same messages, rotation and links with another set of terms: how a node swaps in term
    /// lists changed in the console without a restart. The terms are checked as at start-up.
    /// </summary>
    public Result<Screener> WithTerms(IEnumerable<TermEntry> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return TermIndex.Build(terms, _terms.Normalizer)
            .Then(index => Result.Ok(new Screener(index, _reportIntents, _catalog, _rotation, _linkBase)));
    }

    /// <summary>
    /// Checks a whole term list as an editor uploads it: every line the parser refuses, and every
    /// term that has no letters or digits left after normalisation, each with its line.
    /// </summary>
    public TermListCheck CheckTermList(string text, string name) =>
        TermFile.Usable(TermListParser.Check(text, name), _terms.Normalizer, name);

    /// <summary>
    /// The term that makes <paramref name="query"/> match (null when none does), for an editor
    /// testing a list: the same search as <see cref="Screen"/>, without choosing a warning.
    /// </summary>
    public TermEntry? FindTerm(string query, string? language)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _terms.Find(query, NormalizeLanguage(language));
    }

    /// <summary>The normal forms a query is read as (what the terms are matched against).</summary>
    public IReadOnlyList<string> NormalForms(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return [.. _terms.Normalizer.Normalize(query)];
    }

    /// <summary>
    /// Screens one query. <paramref name="language"/> (the searcher's interface language, such as
    /// <c>en</c>) picks the allow-list and the language of the warning; every term applies whatever
    /// the language, since people search in languages other than their interface's. A matching query
    /// that also asks how or where to report (a phrase of the report-intent list, in any language) gets
    /// the way to the reporting page (<see cref="ScreeningVerdict.IsReport"/>) instead of the warning.
    /// </summary>
    public ScreeningVerdict Screen(string query, string? language)
    {
        ArgumentNullException.ThrowIfNull(query);
        var lang = NormalizeLanguage(language);
        var candidates = _terms.Normalizer.Normalize(query);
        var term = _terms.FindIn(candidates, lang);
        if (term is null)
        {
            return ScreeningVerdict.NotMatched(lang);
        }

        // Only a matching query is searched for report intent, in the normal forms already made (both indexes
        // share one normaliser): the other queries (nearly all) cost nothing more.
        if (_reportIntents?.FindIn(candidates, lang) is not null)
        {
            return Report(lang, term.Category);
        }

        return Warning(lang, _rotation.Next(_catalog.VariantsIn(lang)), term.Category);
    }

    /// <summary>True when a report-intent list is loaded (matching queries that ask how to report get the reporting page).</summary>
    public bool HasReportIntents => _reportIntents is not null;

    /// <summary>The requested variant when it exists, else the rotation's choice: what the warning page shows.</summary>
    public string ChooseVariant(string? requested) => ChooseVariant(requested, null);

    /// <summary>
    /// The requested variant when <paramref name="language"/> has it, else the rotation's choice among the
    /// variants that language has: a translated page never shows an English variant, so variant and
    /// language are not confounded.
    /// </summary>
    public string ChooseVariant(string? requested, string? language)
    {
        var among = _catalog.VariantsIn(NormalizeLanguage(language));
        return (among.FirstOrDefault(variant => variant.Id == requested) ?? _rotation.Next(among)).Id;
    }

    /// <summary>The variants a reader of <paramref name="language"/> is shown (all of them when the language has them all).</summary>
    public IReadOnlyList<WarningVariant> VariantsIn(string? language) => _catalog.VariantsIn(NormalizeLanguage(language));

    /// <summary>The text of a warning in full (title, paragraphs, link titles) for pages.</summary>
    public WarningText WarningText(string? language, string variantId) =>
        _catalog.Text(NormalizeLanguage(language), _catalog.FindVariant(variantId) ?? _catalog.Variants[0]);

    /// <summary>True when <paramref name="variantId"/> names a variant.</summary>
    public bool IsVariant(string? variantId) => _catalog.FindVariant(variantId) is not null;

    /// <summary>
    /// The allow-listed target of a help link for the visitor's language, or null for an unknown link: the only places
    /// /go/ sends anyone. A row of links.tsv for that language (a helpline in the language) wins over the row for every language.
    /// </summary>
    public string? LinkTarget(string? linkId, string? language)
    {
        var lang = NormalizeLanguage(language);
        return _catalog.FindLink(linkId, lang)?.Target.Replace("{lang}", lang, StringComparison.Ordinal);
    }

    private ScreeningVerdict Warning(string language, WarningVariant variant, string? category) =>
        _catalog.HasLanguage(language)
            ? _warnings.GetOrAdd((language, variant.Id, category), key => BuildWarning(key.Language, variant, key.Category))
            : BuildWarning(language, variant, category);

    private ScreeningVerdict BuildWarning(string language, WarningVariant variant, string? category)
    {
        var text = _catalog.Text(language, variant);
        ScreeningLink[] links = [.. text.Links
            .Select(l => new ScreeningLink(l.Id, l.Title, $"{_linkBase}/go/{l.Id}?v={variant.Id}&lang={language}"))];
        var message = text.Title + "\n\n" + string.Join("\n\n", text.Paragraphs);
        return new ScreeningVerdict(category is not null, category, variant.Id, message, text.Language, links, ScreeningVerdict.WarningIntent, WarningPath(language, variant.Id, _linkBase), language);
    }

    /// <summary>The warning page of a variant in a language, after <paramref name="linkBase"/> (empty: site-relative).</summary>
    public static string WarningPath(string language, string variantId, string linkBase = "") => $"{linkBase}/{language}/warning?v={variantId}";

    /// <summary>The path of the reporting page (where and how to report, never the material) in a language.</summary>
    public static string ReportingPath(string language) => $"/{language}/reporting";

    /// <summary>The answer for a query that asks how or where to report: no variant, the reporting page's title and summary, one link to it.</summary>
    private ScreeningVerdict Report(string language, string category) =>
        _catalog.HasLanguage(language)
            ? _warnings.GetOrAdd((language, ReportKey, category), key => BuildReport(key.Language, key.Category!))
            : BuildReport(language, category);

    /// <summary>The cache key of the report answer among the warnings (not a variant id: those are letters, digits and hyphens).</summary>
    private const string ReportKey = "#report";

    private ScreeningVerdict BuildReport(string language, string category)
    {
        var text = _catalog.ReportText(language)!;
        var message = text.Title + "\n\n" + string.Join("\n\n", text.Paragraphs);
        var reportingUrl = _linkBase + ReportingPath(language);
        ScreeningLink[] links = [new ScreeningLink("reporting", text.Title, reportingUrl)];
        return new ScreeningVerdict(true, category, null, message, text.Language, links, ScreeningVerdict.ReportIntent, reportingUrl, language);
    }

    private static string NormalizeLanguage(string? language)
    {
        if (string.IsNullOrWhiteSpace(language) || language.Length > 16)
        {
            return WarningCatalog.FallbackLanguage;
        }

        foreach (var c in language)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return WarningCatalog.FallbackLanguage;
            }
        }

        return language.ToLowerInvariant();
    }
}
