namespace Waymark.Content;

/// <summary>The options of <c>waymark code</c>.</summary>
public sealed record CodeRequest(IReadOnlyList<string> Corpus, string CodebookPath)
{
    public string Unit { get; init; } = "paragraph";

    public string? Bands { get; init; }

    public long Minimum { get; init; }

    public string? HtmlPath { get; init; }

    public string? QdpxPath { get; init; }

    public bool PerDocument { get; init; }

    public bool PerThread { get; init; }

    /// <summary>Where the progress indicator goes (standard error when it is a terminal), or null for none.</summary>
    public TextWriter? Progress { get; init; }
}
