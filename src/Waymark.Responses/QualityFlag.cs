namespace Waymark.Responses;

/// <summary>
/// The data-quality flags (docs/surveys-respondents.md). Flags mark a response for the analyst; no
/// response is ever dropped because of one.
/// </summary>
public static class QualityFlag
{
    /// <summary>The hidden honeypot field was filled in (a form-filling robot, most likely).</summary>
    public const string Honeypot = "honeypot";

    /// <summary>Every item of a grid (three or more questions sharing one choice list on one page) got the same answer.</summary>
    public const string StraightLining = "straightlining";

    /// <summary>A free-text answer looks like keyboard mashing.</summary>
    public const string Gibberish = "gibberish";

    /// <summary>An attention-check question was answered other than as instructed.</summary>
    public const string AttentionCheck = "attention";

    /// <summary>Under one second per answered item in total (found at submission).</summary>
    public const string Fast = "fast";

    /// <summary>Fast and under half the median total time of the instrument's responses (found at export).</summary>
    public const string Speeding = "speeding";

    /// <summary>The same answers as another response, exactly (found at export).</summary>
    public const string Duplicate = "duplicate";
}
