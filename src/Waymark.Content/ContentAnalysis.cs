using System.Runtime.CompilerServices;
using Waymark.Content.Codebooks;
using Waymark.Content.Coding;
using Waymark.Content.Community;
using Waymark.Content.Corpus;

namespace Waymark.Content;

/// <summary>
/// The public entry point of Waymark.Content: keyword coding of a corpus with a codebook, keyword in context,
/// codebook conversion and community structure. Each returns a typed result; the host decides what to render
/// (JSON, a table, HTML, REFI-QDA, GraphML) and where to write it.
/// </summary>
public static class ContentAnalysis
{
    /// <summary>Codes a corpus: hits, units and documents per code, bands and co-occurrence, timed with <paramref name="time"/>.</summary>
    public static Result<CodingRun> Code(CodingOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (options.Minimum < 0)
        {
            return Result.Fail<CodingRun>("The minimum number of units must be 0 or more.");
        }

        var start = time.GetTimestamp();
        // Compiled ahead of time (ADR 0059) there is nothing to warm up: the run would only spend CPU on the built-in text.
        if (RuntimeFeature.IsDynamicCodeCompiled)
        {
            CodingWarmUp.Start();
        }

        var codebook = CodebookFiles.Load(options.CodebookPath);
        if (!codebook.IsSuccess)
        {
            return Result.Fail<CodingRun>(codebook.Problem!);
        }

        var loaded = time.GetTimestamp();
        var created = CodingEngine.Create(codebook.Value!, options.Unit, keepCodings: options.KeepCodings);
        if (!created.IsSuccess)
        {
            return Result.Fail<CodingRun>(created.Problem!);
        }

        var built = time.GetTimestamp();
        var engine = created.Value!;
        var opened = CorpusSource.Open(options.Corpus);
        if (!opened.IsSuccess)
        {
            return Result.Fail<CodingRun>(opened.Problem!);
        }

        var source = opened.Value!;
        var fed = source.Feed(engine, options.Progress is { } progress ? () => progress(source.BytesRead, source.TotalBytes) : null);
        if (!fed.IsSuccess)
        {
            return Result.Fail<CodingRun>(fed.Problem!);
        }

        var report = engine.Finish(options.Bands ?? Bands.None, options.Minimum);
        var coded = time.GetTimestamp();
        return Result.Ok(new CodingRun(report, source, options.Corpus, options.KeepCodings)
        {
            CodebookTime = time.GetElapsedTime(start, loaded),
            MatcherTime = time.GetElapsedTime(loaded, built),
            CorpusTime = time.GetElapsedTime(built, coded),
        });
    }

    /// <summary>Keyword-in-context lines for one code: <paramref name="width"/> words either side, within the paragraph.</summary>
    public static Result<KeywordsInContext> Kwic(IReadOnlyList<string> corpus, string codebookPath, string codeName, int width)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (width < 0)
        {
            return Result.Fail<KeywordsInContext>("The number of words of context must be 0 or more.");
        }

        return CodebookFiles.Load(codebookPath)
            .Then(codebook => codebook.IndexOf(codeName) is var index and >= 0
                ? Result.Ok((codebook: codebook, index: index))
                : Result.Fail<(Codebook codebook, int index)>($"the codebook has no code '{codeName}' (codes: {string.Join(", ", codebook.Codes.Select(c => c.Name))})."))
            .Then(found => CodingEngine.BuildMatcher(found.codebook).Then(matcher => Result.Ok((found.index, matcher))))
            .Then(built => CorpusSource.Open(corpus).Then(source => KeywordInContext.Lines(source, built.matcher, built.index, width)))
            .Then(lines => Result.Ok(new KeywordsInContext(lines)));
    }

    /// <summary>Converts a codebook between YAML and REFI-QDA .qdc (by the extensions); the codes and themes written.</summary>
    public static Result<CodebookConversion> ConvertCodebook(string from, string to) =>
        CodebookFiles.Load(from).Then(codebook =>
        {
            CodebookFiles.Save(codebook, to);
            return Result.Ok(new CodebookConversion(to, codebook.Codes.Count, codebook.Themes.Count));
        });

    /// <summary>
    /// Community structure from posts: activity, the reply network and role labels. <paramref name="moderatorsPath"/>:
    /// a UTF-8 file of moderator names, one per line (surrounding whitespace and blank lines ignored), or null.
    /// </summary>
    public static Result<CommunityRun> Community(IReadOnlyList<string> corpus, string? moderatorsPath)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var moderators = ReadModerators(moderatorsPath);
        if (!moderators.IsSuccess)
        {
            return Result.Fail<CommunityRun>(moderators.Problem!);
        }

        var source = CorpusSource.Open(corpus);
        if (!source.IsSuccess)
        {
            return Result.Fail<CommunityRun>(source.Problem!);
        }

        var posts = new List<CorpusPost>();
        foreach (var post in source.Value!.Posts())
        {
            if (!post.IsSuccess)
            {
                return Result.Fail<CommunityRun>(post.Problem!);
            }

            posts.Add(post.Value!.Post);
        }

        return CommunityAnalysis.Analyse(posts, moderators.Value).Then(result => Result.Ok(new CommunityRun(result, corpus)));
    }

    /// <summary>Moderator names, one per line: surrounding whitespace and blank lines are ignored, names match authors exactly.</summary>
    private static Result<IReadOnlySet<string>?> ReadModerators(string? path)
    {
        if (path is null)
        {
            return Result.Ok<IReadOnlySet<string>?>(null);
        }

        if (!File.Exists(path))
        {
            return Result.Fail<IReadOnlySet<string>?>($"{path}: no such moderator list.");
        }

        var names = File.ReadLines(path).Select(line => line.Trim()).Where(line => line.Length > 0).ToHashSet(StringComparer.Ordinal);
        return names.Count == 0
            ? Result.Fail<IReadOnlySet<string>?>($"{path}: the moderator list holds no names (one name per line).")
            : Result.Ok<IReadOnlySet<string>?>(names);
    }
}
