using Waymark.Content.Codebooks;
using Waymark.Content.Coding;

namespace Waymark.Content;

/// <summary>
/// The figures of one <c>waymark code</c> run for a host to render (the command line's table): the codes kept, in
/// codebook order, and the published study when the codebook describes one. The JSON and HTML outputs hold the same.
/// <c>ComparesWithPublished</c>: the codebook carries published reference counts, so each row's <c>Published</c> and
/// <c>Ratio</c> are shown.
/// </summary>
public sealed record CodingSummary(
    string Codebook,
    string Unit,
    long Documents,
    long Units,
    IReadOnlyList<CodingSummaryRow> Codes,
    PublishedStudy? Study,
    bool ComparesWithPublished)
{
    internal static CodingSummary From(CodingReport report) => new(
        report.Codebook.Name,
        CodingUnits.Name(report.Unit),
        report.Documents,
        report.Units,
        [.. report.Codes.Select(c => new CodingSummaryRow(c.Code.Theme, c.Code.Name, c.Hits, c.Units, c.Documents, c.Band, c.Code.Reference, report.Ratio(c)))],
        report.Codebook.Method is { } method ? PublishedStudy.From(method) : null,
        report.ComparesWithPublished);
}

/// <summary>One code's counts; <c>Published</c> is the study's count and <c>Ratio</c> observed units over it (null when the units differ or nothing was published).</summary>
public sealed record CodingSummaryRow(string Theme, string Code, long Hits, long Units, long Documents, string? Band, long? Published, double? Ratio);

/// <summary>The study a codebook replicates: citation, the unit its counts are of, documents, communities, tool and known gaps.</summary>
public sealed record PublishedStudy(string Citation, string? Unit, long? Documents, long? Communities, string? Tool, IReadOnlyList<string> Gaps)
{
    internal static PublishedStudy From(StudyMethod method) => new(
        method.Citation, method.Unit is { } unit ? CodingUnits.Name(unit) : null, method.Documents, method.Communities, method.Tool, method.Gaps);
}
