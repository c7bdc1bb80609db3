using Waymark.Content.Codebooks;

namespace Waymark.Content.Coding;

/// <summary>One code's counts: hits, units containing it, documents containing it, and its band.</summary>
internal sealed record CodeCount(Code Code, long Hits, long Units, long Documents, string? Band);

/// <summary>Units holding both codes, and ATLAS.ti's c-coefficient c = n12 / (n1 + n2 − n12).</summary>
internal sealed record Cooccurrence(string A, string B, long N, double C);

/// <summary>Hits and units per code within one document or thread.</summary>
internal sealed record GroupCounts(string Id, long[] Hits, long[] Units);

/// <summary>A coded unit: the code and the unit's span in its document text (UTF-16 offsets).</summary>
internal sealed record CodedUnit(string DocumentId, long Start, long End, int Code);

internal sealed record CodingReport(
    Codebook Codebook,
    CodingUnit Unit,
    long Documents,
    long Units,
    IReadOnlyList<CodeCount> Codes,
    IReadOnlyList<Cooccurrence> Cooccurrences,
    IReadOnlyList<GroupCounts> PerDocument,
    IReadOnlyList<GroupCounts> PerThread,
    IReadOnlyList<CodedUnit> Codings)
{
    /// <summary>Whether observed counts are set beside published ones: the codebook carries reference counts.</summary>
    public bool ComparesWithPublished => Codebook.HasReferences;

    /// <summary>
    /// Observed units over the published count: only when this run counted the unit the study counted and the
    /// published count is above zero (paragraphs are not compared with sentences); otherwise null.
    /// </summary>
    public double? Ratio(CodeCount count)
    {
        ArgumentNullException.ThrowIfNull(count);
        return Codebook.Method?.Unit == Unit && count.Code.Reference is long published and > 0
            ? (double)count.Units / published
            : null;
    }
}
