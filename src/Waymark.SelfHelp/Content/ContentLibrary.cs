using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Waymark.SelfHelp.Content;

/// <summary>
/// All editor-written content, read once at start-up from <c>content/</c>: the self-help programme,
/// parents' guidance, reporting guidance, the organisation's "about" page, the research summary for professionals, each per
/// language with English as the fallback, and the
/// directory. A broken file stops start-up with a message naming the file: content is part of a
/// deployment, and a half-loaded programme would be worse than none.
/// </summary>
public sealed partial class ContentLibrary
{
    public const string English = "en";

    private readonly FrozenDictionary<string, Programme> _programmes;
    private readonly FrozenDictionary<string, IReadOnlyList<Article>> _parents;
    private readonly FrozenDictionary<string, Article> _reporting;
    private readonly FrozenDictionary<string, Article> _about;
    private readonly FrozenDictionary<string, ResearchSummary> _professionals;

    private ContentLibrary(
        FrozenDictionary<string, Programme> programmes,
        FrozenDictionary<string, IReadOnlyList<Article>> parents,
        FrozenDictionary<string, Article> reporting,
        FrozenDictionary<string, Article> about,
        FrozenDictionary<string, ResearchSummary> professionals,
        Listing.HelpDirectory directory)
    {
        _programmes = programmes;
        _parents = parents;
        _reporting = reporting;
        _about = about;
        _professionals = professionals;
        HelpDirectory = directory;
    }

    public Listing.HelpDirectory HelpDirectory { get; }

    /// <summary>The content folder next to the binaries (copied there by the build).</summary>
    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "content");

    public Programme ProgrammeIn(string language) => _programmes.GetValueOrDefault(language) ?? _programmes[English];

    public IReadOnlyList<Article> ParentsIn(string language) => _parents.GetValueOrDefault(language) ?? _parents[English];

    public Article ReportingIn(string language) => _reporting.GetValueOrDefault(language) ?? _reporting[English];

    /// <summary>Who runs the service and how to contact it safely: written by the deploying organisation.</summary>
    public Article AboutIn(string language) => _about.GetValueOrDefault(language) ?? _about[English];

    /// <summary>What the research behind the service found, for clinicians, moderators and police, with its sources.</summary>
    public ResearchSummary ProfessionalsIn(string language) => _professionals.GetValueOrDefault(language) ?? _professionals[English];

    /// <summary>Loads everything under <paramref name="root"/> for each of <paramref name="languages"/>.</summary>
    public static ContentLibrary Load(string root, IEnumerable<string> languages)
    {
        ArgumentNullException.ThrowIfNull(languages);
        var codes = languages.ToList();
        if (!codes.Contains(English))
        {
            codes.Add(English);
        }

        var selfHelp = Path.Combine(root, "selfhelp");
        var englishModules = ReadModules(Path.Combine(selfHelp, English)).ToDictionary(module => module.Header.Id, StringComparer.Ordinal);
        foreach (var module in englishModules.Values)
        {
            ValidateReview(module.Path, module.Header);
        }

        if (englishModules.Values.All(module => module.Header.Tool))
        {
            throw new ContentException(Path.Combine(selfHelp, English), "holds no modules.");
        }

        ValidateToolReferences(englishModules);
        RecallValidation.Validate(englishModules.Values.Select(module => (module.Header, module.Path)).ToList());

        var sourcesPath = Path.Combine(selfHelp, "sources.md");
        var sources = File.Exists(sourcesPath) ? File.ReadAllText(sourcesPath) : "";
        var programmes = codes.ToFrozenDictionary(code => code, code => BuildProgramme(selfHelp, code, englishModules, sources), StringComparer.Ordinal);
        var parents = codes.ToFrozenDictionary(code => code, code => (IReadOnlyList<Article>)BuildArticles(Path.Combine(root, "parents"), code), StringComparer.Ordinal);
        var reporting = codes.ToFrozenDictionary(code => code, code => BuildArticles(Path.Combine(root, "reporting"), code).Single(), StringComparer.Ordinal);
        var about = codes.ToFrozenDictionary(code => code, code => BuildArticles(Path.Combine(root, "about"), code).Single(), StringComparer.Ordinal);
        var professionalsFolder = Path.Combine(root, "professionals");
        var professionalsSources = Path.Combine(professionalsFolder, "sources.md");
        var researchSources = File.Exists(professionalsSources) ? File.ReadAllText(professionalsSources) : "";
        var professionals = codes.ToFrozenDictionary(
            code => code,
            code => new ResearchSummary(BuildArticles(professionalsFolder, code).Single(), MarkdownRenderer.ToHtml(researchSources, code)),
            StringComparer.Ordinal);
        var directory = Listing.HelpDirectory.Load(Path.Combine(root, "directory", "directory.yaml"));
        return new ContentLibrary(programmes, parents, reporting, about, professionals, directory);
    }

    private static Programme BuildProgramme(string folder, string code, Dictionary<string, (ModuleFile Header, string Body, string Path)> english, string sources)
    {
        var translated = code == English ? english : ReadModules(Path.Combine(folder, code)).ToDictionary(module => module.Header.Id, StringComparer.Ordinal);
        foreach (var (id, module) in translated)
        {
            if (!english.TryGetValue(id, out var original))
            {
                throw new ContentException(module.Path, $"has id '{id}', which the English programme does not have.");
            }

            CheckSameExercises(module.Path, original.Header, module.Header);
        }

        List<Module> Build(bool tools) => english.Values.Where(module => module.Header.Tool == tools)
            .OrderBy(module => module.Header.Order).ThenBy(module => module.Header.Id, StringComparer.Ordinal)
            .Select(original => translated.TryGetValue(original.Header.Id, out var own)
                ? ToModule(own, original.Header, new ContentLanguage(code, false, code != English && IsStale(own.Header.SourceSha256, original.Path)), code)
                : ToModule(original, original.Header, new ContentLanguage(English, code != English), code))
            .ToList();
        var englishIntroduction = Path.Combine(folder, English, "index.md");
        var introduction = ReadArticle(Path.Combine(folder, code, "index.md"), code, code, false, code == English ? null : _ => englishIntroduction)?.Article
            ?? ReadArticle(englishIntroduction, English, code, true, null)?.Article
            ?? throw new ContentException(englishIntroduction, "is missing.");
        return new Programme(introduction, Build(tools: false), MarkdownRenderer.ToHtml(sources, code), Build(tools: true));
    }

    private static List<Article> BuildArticles(string folder, string code)
    {
        var english = ReadArticles(Path.Combine(folder, English), English, code, fallback: false, null);
        if (english.Count == 0)
        {
            throw new ContentException(Path.Combine(folder, English), "holds no articles.");
        }

        if (code == English)
        {
            return english.Select(read => read.Article).ToList();
        }

        var sources = english.ToDictionary(read => read.Article.Id, read => read.Path, StringComparer.Ordinal);
        var own = ReadArticles(Path.Combine(folder, code), code, code, fallback: false, sources.GetValueOrDefault)
            .ToDictionary(read => read.Article.Id, read => read.Article, StringComparer.Ordinal);
        var fallback = ReadArticles(Path.Combine(folder, English), English, code, fallback: true, null);
        foreach (var id in own.Keys.Where(id => !sources.ContainsKey(id)))
        {
            throw new ContentException(Path.Combine(folder, code), $"has article '{id}', which the English folder does not have.");
        }

        return fallback.Select(read => own.GetValueOrDefault(read.Article.Id) ?? read.Article).ToList();
    }

    /// <summary>True when the English file has changed since the translation was made (docs/translation.md).</summary>
    private static bool IsStale(string sourceSha256, string englishPath) =>
        !string.Equals(sourceSha256, TranslationMetadata.HashOfFile(englishPath), StringComparison.Ordinal);

    private static List<(Article Article, string Path)> ReadArticles(string folder, string contentCode, string readerCode, bool fallback, Func<string, string?>? englishSourceOf) =>
        !Directory.Exists(folder)
            ? []
            : Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal)
                .Select(path => ReadArticle(path, contentCode, readerCode, fallback, englishSourceOf)!.Value)
                .OrderBy(read => read.Article.Order).ThenBy(read => read.Article.Id, StringComparer.Ordinal)
                .ToList();

    /// <summary>Reads one article; a translation (given the English file of each id) is marked stale when that file has changed since.</summary>
    private static (Article Article, string Path)? ReadArticle(string path, string contentCode, string readerCode, bool fallback, Func<string, string?>? englishSourceOf)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var (header, body) = FrontMatter.Read<ArticleFile>(path, File.ReadAllText(path));
        RequireId(path, header.Id);
        RequireText(path, "title", header.Title);
        var englishPath = englishSourceOf?.Invoke(header.Id);
        var stale = englishPath is not null && File.Exists(englishPath) && IsStale(header.SourceSha256, englishPath);
        return (new Article(header.Id, header.Order, header.Title, header.Summary, MarkdownRenderer.ToHtml(body, readerCode), new ContentLanguage(contentCode, fallback, stale)), path);
    }

    private static IEnumerable<(ModuleFile Header, string Body, string Path)> ReadModules(string folder)
    {
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*.md").Where(path => Path.GetFileName(path) != "index.md").Order(StringComparer.Ordinal))
        {
            var (header, body) = FrontMatter.Read<ModuleFile>(path, File.ReadAllText(path));
            Validate(path, header);
            yield return (header, body, path);
        }
    }

    /// <summary>
    /// A module or tool in one language; its review status, its sources and the modules its questions point to
    /// (<c>modules:</c>) are those of the English original.
    /// </summary>
    private static Module ToModule((ModuleFile Header, string Body, string Path) file, ModuleFile english, ContentLanguage language, string readerCode) =>
        new(
            file.Header.Id,
            file.Header.Order,
            file.Header.Title,
            file.Header.Summary,
            MarkdownRenderer.ToHtml(file.Body, readerCode),
            file.Header.Exercises.Select(exercise => ToExercise(exercise, english.Exercises.First(original => original.Id == exercise.Id))).ToList(),
            language,
            new ClinicalReview(english.Review == ClinicalReview.Reviewed ? ClinicalReview.Reviewed : ClinicalReview.Draft, english.ReviewedBy, english.ReviewedOn),
            english.Sources);

    /// <summary>An exercise in one language; what it points to (<c>modules:</c>) and what it recalls (<c>recalls:</c>) come from the English original.</summary>
    private static Exercise ToExercise(ExerciseFile file, ExerciseFile english)
    {
        var kind = Enum.Parse<ExerciseKind>(file.Type, ignoreCase: true);
        var choices = (kind == ExerciseKind.Plan ? file.Fields : file.Options).Select(choice => new Choice(choice.Id, choice.Label)).ToList();
        var recalls = english.Recalls.Select(text => RecallReference.Parse(text)!).ToList();
        return new Exercise(file.Id, kind, file.Prompt, choices, file.Min, file.Max, file.MinLabel, file.MaxLabel, english.Modules, recalls);
    }

    /// <summary>
    /// A question's <c>modules:</c> (the self-assessment's scoring) names modules of the programme, on scales only.
    /// </summary>
    private static void ValidateToolReferences(Dictionary<string, (ModuleFile Header, string Body, string Path)> english)
    {
        var modules = english.Values.Where(module => !module.Header.Tool).Select(module => module.Header.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (header, _, path) in english.Values)
        {
            foreach (var exercise in header.Exercises.Where(exercise => exercise.Modules.Count > 0))
            {
                if (!string.Equals(exercise.Type, "scale", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ContentException(path, $"exercise '{exercise.Id}' has modules; only scale questions point to modules.");
                }

                foreach (var id in exercise.Modules.Where(id => !modules.Contains(id)))
                {
                    throw new ContentException(path, $"exercise '{exercise.Id}' points to module '{id}', which the English programme does not have.");
                }
            }
        }
    }

    private static void Validate(string path, ModuleFile header)
    {
        RequireId(path, header.Id);
        RequireText(path, "title", header.Title);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var exercise in header.Exercises)
        {
            RequireId(path, exercise.Id);
            RequireText(path, $"exercise '{exercise.Id}' prompt", exercise.Prompt);
            if (!ids.Add(exercise.Id))
            {
                throw new ContentException(path, $"has two exercises with id '{exercise.Id}'.");
            }

            if (!Enum.TryParse<ExerciseKind>(exercise.Type, ignoreCase: true, out var kind) || int.TryParse(exercise.Type, out _))
            {
                throw new ContentException(path, $"exercise '{exercise.Id}' has type '{exercise.Type}'; use text, checklist, scale or plan.");
            }

            var choices = kind == ExerciseKind.Plan ? exercise.Fields : exercise.Options;
            if (kind is ExerciseKind.Checklist or ExerciseKind.Plan && choices.Count == 0)
            {
                throw new ContentException(path, $"exercise '{exercise.Id}' needs {(kind == ExerciseKind.Plan ? "fields" : "options")}.");
            }

            foreach (var choice in choices)
            {
                RequireId(path, choice.Id);
                RequireText(path, $"exercise '{exercise.Id}' choice '{choice.Id}' label", choice.Label);
            }

            if (kind == ExerciseKind.Scale && (exercise.Min >= exercise.Max || exercise.Max - exercise.Min > 20))
            {
                throw new ContentException(path, $"exercise '{exercise.Id}' needs min < max and at most 20 steps.");
            }
        }
    }

    /// <summary>
    /// An English module says honestly whether clinicians have reviewed it: no <c>review</c> or <c>review: draft</c>
    /// until they have; <c>reviewed</c> needs who (<c>reviewedBy</c>) and when (<c>reviewedOn</c>).
    /// </summary>
    private static void ValidateReview(string path, ModuleFile header)
    {
        if (header.Review is not ("" or ClinicalReview.Draft or ClinicalReview.Reviewed))
        {
            throw new ContentException(path, $"has review '{header.Review}'; use draft or reviewed.");
        }

        if (header.Review == ClinicalReview.Reviewed
            && (string.IsNullOrWhiteSpace(header.ReviewedBy) || !DateOnly.TryParseExact(header.ReviewedOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _)))
        {
            throw new ContentException(path, "is marked reviewed but lacks 'reviewedBy' or a 'reviewedOn' date (yyyy-mm-dd).");
        }
    }

    /// <summary>A translation must ask the same questions, so that answers saved in one language open in another.</summary>
    private static void CheckSameExercises(string path, ModuleFile english, ModuleFile translation)
    {
        static string Shape(ModuleFile module) => string.Join(';', module.Exercises.Select(exercise =>
            $"{exercise.Id}:{exercise.Type.ToLowerInvariant()}:{exercise.Min}-{exercise.Max}:{string.Join(',', exercise.Options.Concat(exercise.Fields).Select(choice => choice.Id))}"));

        if (Shape(english) != Shape(translation))
        {
            throw new ContentException(path, $"must have the same exercises (ids, types, options, fields) as the English module '{english.Id}'.");
        }
    }

    private static void RequireId(string path, string id)
    {
        if (!IdPattern().IsMatch(id))
        {
            throw new ContentException(path, $"has id '{id}'; ids are lowercase letters, digits and hyphens.");
        }
    }

    private static void RequireText(string path, string what, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ContentException(path, $"needs a {what}.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,47}$")]
    private static partial Regex IdPattern();
}
