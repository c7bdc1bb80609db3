namespace Waymark.Content;

/// <summary>What a content command produced: text for standard output on success, otherwise a message for the user.</summary>
public sealed record ContentOutput(string? Output, string? Error)
{
    /// <summary>Time spent reading and checking the codebook (<c>waymark code</c> only; zero elsewhere).</summary>
    public TimeSpan CodebookTime { get; init; }

    /// <summary>Time spent building the matcher from the codebook's patterns.</summary>
    public TimeSpan MatcherTime { get; init; }

    /// <summary>Time spent opening, reading and coding the corpus and tallying the counts.</summary>
    public TimeSpan CorpusTime { get; init; }

    /// <summary>Time spent writing the outputs: the JSON text and any HTML or REFI-QDA files.</summary>
    public TimeSpan OutputTime { get; init; }

    /// <summary>The figures of a <c>waymark code</c> run, for a host that renders them itself (null elsewhere).</summary>
    public CodingSummary? Coding { get; init; }

    /// <summary>The figures of a <c>waymark community</c> run, for a host that renders them itself (null elsewhere).</summary>
    public CommunitySummary? Community { get; init; }

    internal static ContentOutput Fail(string error) => new(null, error);
}
