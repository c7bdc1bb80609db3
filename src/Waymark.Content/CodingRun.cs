using Waymark.Content.Coding;
using Waymark.Content.Corpus;
using Waymark.Content.Qda;
using Waymark.Content.Reports;

namespace Waymark.Content;

/// <summary>
/// The result of one coding run: the typed figures (<see cref="Summary"/>) and the renderers a host picks from
/// (JSON, a self-contained HTML report, a REFI-QDA project). Rendering reads the run; it never codes again.
/// </summary>
public sealed class CodingRun
{
    private readonly CodingReport _report;
    private readonly CorpusSource _source;
    private readonly IReadOnlyList<string> _corpus;
    private readonly bool _keptCodings;

    internal CodingRun(CodingReport report, CorpusSource source, IReadOnlyList<string> corpus, bool keptCodings)
    {
        _report = report;
        _source = source;
        _corpus = corpus;
        _keptCodings = keptCodings;
        Summary = CodingSummary.From(report);
    }

    /// <summary>The codes kept, in codebook order, with their counts, bands and the published study's figures.</summary>
    public CodingSummary Summary { get; }

    /// <summary>Time spent reading and checking the codebook.</summary>
    public TimeSpan CodebookTime { get; init; }

    /// <summary>Time spent building the matcher from the codebook's patterns.</summary>
    public TimeSpan MatcherTime { get; init; }

    /// <summary>Time spent opening, reading and coding the corpus and tallying the counts.</summary>
    public TimeSpan CorpusTime { get; init; }

    /// <summary>The whole report as indented JSON; per-document and per-thread counts when asked for.</summary>
    public string ToJson(bool perDocument = false, bool perThread = false) => CodingJson.Write(_report, perDocument, perThread);

    /// <summary>A self-contained HTML report (no script): the counts table, co-occurrence and the documents.</summary>
    public string ToHtml() => HtmlReport.Write(_report, _corpus);

    /// <summary>
    /// Writes a REFI-QDA project (.qdpx) of the corpus and every coded unit to <paramref name="path"/>; the run must
    /// have been made with <see cref="CodingOptions.KeepCodings"/>.
    /// </summary>
    public Result<bool> WriteQdpx(string path) =>
        !_keptCodings
            ? Result.Fail<bool>("This coding run did not keep the coded units, which a REFI-QDA project needs.")
            : QdpxProject.Export(_report, _source, path);
}
