using Waymark.Content.Codebooks;
using Waymark.Content.Coding;
using Waymark.Content.Community;
using Waymark.Content.Corpus;
using Waymark.Content.Qda;
using Waymark.Content.Reports;

namespace Waymark.Content;

/// <summary>
/// The public entry point of Waymark.Content, used by <c>waymark code</c> and <c>waymark community</c>:
/// keyword coding of a corpus with a codebook, keyword in context, codebook conversion and community structure.
/// </summary>
public static class ContentAnalysis
{
    public static ContentOutput Code(CodeRequest request, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(time);
        if (!CodingUnits.TryParse(request.Unit, out var unit))
        {
            return ContentOutput.Fail($"--unit '{request.Unit}': use hit, sentence, paragraph, post or thread.");
        }

        if (request.Minimum < 0)
        {
            return ContentOutput.Fail("--min must be 0 or more.");
        }

        var bands = Bands.Parse(request.Bands);
        if (!bands.IsSuccess)
        {
            return ContentOutput.Fail(bands.Error!);
        }

        var start = time.GetTimestamp();
        var codebook = CodebookFiles.Load(request.CodebookPath);
        if (!codebook.IsSuccess)
        {
            return ContentOutput.Fail(codebook.Error!);
        }

        var loaded = time.GetTimestamp();
        var created = CodingEngine.Create(codebook.Value!, unit, keepCodings: request.QdpxPath is not null);
        if (!created.IsSuccess)
        {
            return ContentOutput.Fail(created.Error!);
        }

        var built = time.GetTimestamp();
        var engine = created.Value!;
        var opened = CorpusSource.Open(request.Corpus);
        if (!opened.IsSuccess)
        {
            return ContentOutput.Fail(opened.Error!);
        }

        var source = opened.Value!;
        var progress = new ProgressIndicator(request.Progress, time, "coding", source.TotalBytes);
        var fed = source.Feed(engine, () => progress.Report(source.BytesRead));
        if (!fed.IsSuccess)
        {
            return ContentOutput.Fail(fed.Error!);
        }

        progress.Done();
        var report = engine.Finish(bands.Value!, request.Minimum);
        var coded = time.GetTimestamp();
        if (request.HtmlPath is not null)
        {
            File.WriteAllText(request.HtmlPath, HtmlReport.Write(report, request.Corpus));
        }

        if (request.QdpxPath is not null)
        {
            var written = QdpxProject.Export(report, source, request.QdpxPath);
            if (!written.IsSuccess)
            {
                return ContentOutput.Fail(written.Error!);
            }
        }

        var json = CodingJson.Write(report, request.PerDocument, request.PerThread);
        return new ContentOutput(json, null)
        {
            Coding = CodingSummary.From(report),
            CodebookTime = time.GetElapsedTime(start, loaded),
            MatcherTime = time.GetElapsedTime(loaded, built),
            CorpusTime = time.GetElapsedTime(built, coded),
            OutputTime = time.GetElapsedTime(coded),
        };
    }

    /// <summary>Keyword-in-context lines for one code: <paramref name="width"/> words either side, within the paragraph.</summary>
    public static ContentOutput Kwic(IReadOnlyList<string> corpus, string codebookPath, string codeName, int width, bool json)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        if (width < 0)
        {
            return ContentOutput.Fail("--width must be 0 or more.");
        }

        var setup = CodebookFiles.Load(codebookPath)
            .Then(codebook => codebook.IndexOf(codeName) is var index and >= 0
                ? Result.Ok((codebook: codebook, index: index))
                : Result.Fail<(Codebook codebook, int index)>($"the codebook has no code '{codeName}' (codes: {string.Join(", ", codebook.Codes.Select(c => c.Name))})."))
            .Then(found => CodingEngine.BuildMatcher(found.codebook).Then(matcher => Result.Ok((found.index, matcher))))
            .Then(built => CorpusSource.Open(corpus).Then(source => Result.Ok((built.index, built.matcher, source))));
        if (!setup.IsSuccess)
        {
            return ContentOutput.Fail(setup.Error!);
        }

        var (code, matcher, source) = setup.Value;
        var lines = KeywordInContext.Lines(source, matcher, code, width);
        return lines.IsSuccess ? new ContentOutput(KeywordInContext.Render(lines.Value!, json), null) : ContentOutput.Fail(lines.Error!);
    }

    /// <summary>Converts a codebook between YAML and REFI-QDA .qdc (by the extensions).</summary>
    public static ContentOutput ConvertCodebook(string from, string to)
    {
        var codebook = CodebookFiles.Load(from);
        if (!codebook.IsSuccess)
        {
            return ContentOutput.Fail(codebook.Error!);
        }

        CodebookFiles.Save(codebook.Value!, to);
        return new ContentOutput($"{to}: {codebook.Value!.Codes.Count} codes in {codebook.Value.Themes.Count} themes.", null);
    }

    public static ContentOutput Community(CommunityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var moderators = ReadModerators(request.ModeratorsPath);
        if (!moderators.IsSuccess)
        {
            return ContentOutput.Fail(moderators.Error!);
        }

        var source = CorpusSource.Open(request.Corpus);
        if (!source.IsSuccess)
        {
            return ContentOutput.Fail(source.Error!);
        }

        var posts = new List<CorpusPost>();
        foreach (var post in source.Value!.Posts())
        {
            if (!post.IsSuccess)
            {
                return ContentOutput.Fail(post.Error!);
            }

            posts.Add(post.Value!.Post);
        }

        var analysis = CommunityAnalysis.Analyse(posts, moderators.Value);
        if (!analysis.IsSuccess)
        {
            return ContentOutput.Fail(analysis.Error!);
        }

        if (request.GraphMlPath is not null)
        {
            GraphExport.GraphMl(analysis.Value!).Save(request.GraphMlPath);
        }

        if (request.GexfPath is not null)
        {
            GraphExport.Gexf(analysis.Value!).Save(request.GexfPath);
        }

        if (request.HtmlPath is not null)
        {
            File.WriteAllText(request.HtmlPath, CommunityHtml.Write(analysis.Value!, request.Corpus));
        }

        return new ContentOutput(CommunityJson.Write(analysis.Value!), null) { Community = CommunitySummary.From(analysis.Value!) };
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
