using Waymark.Content.Coding;

namespace Waymark.Content;

/// <summary>What a coding run reads and counts: the corpus files or directories and the codebook, then the options.</summary>
public sealed record CodingOptions(IReadOnlyList<string> Corpus, string CodebookPath)
{
    /// <summary>What one counted unit is; a paragraph by default (the published studies' measure).</summary>
    public CodingUnit Unit { get; init; } = CodingUnit.Paragraph;

    /// <summary>Count bands over units (<see cref="Bands.Parse"/>), or null for none.</summary>
    public Bands? Bands { get; init; }

    /// <summary>Codes found in fewer units than this are left out of the report.</summary>
    public long Minimum { get; init; }

    /// <summary>Keep every coded unit's position, which <see cref="CodingRun.WriteQdpx"/> needs (more memory on a large corpus).</summary>
    public bool KeepCodings { get; init; }

    /// <summary>Called now and then while the corpus is read, with the bytes read so far and the corpus's total bytes.</summary>
    public Action<long, long>? Progress { get; init; }
}
