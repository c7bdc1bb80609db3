namespace Waymark.Secrets;

/// <summary>What is wrong with a typed phrase, for a message in the reader's language.</summary>
public enum PhraseProblem
{
    /// <summary>Nothing wrong: the phrase was read.</summary>
    None,

    /// <summary>Nothing was typed.</summary>
    Empty,

    /// <summary>The phrase has more or fewer words than expected.</summary>
    WrongWordCount,

    /// <summary>A word is not on the list (a typo, or a word from somewhere else).</summary>
    UnknownWord,
}

/// <summary>
/// The result of reading a typed phrase: the canonical phrase, or the problem. A mistyped phrase is
/// expected input, so it is data rather than an exception. The unknown word itself is not echoed, only
/// its position, so that a page never prints part of a secret back.
/// </summary>
public sealed record PhraseReading
{
    private PhraseReading(string? phrase, PhraseProblem problem, int wordCount, int unknownWordPosition, int expectedWords)
    {
        ExpectedWords = expectedWords;
        Phrase = phrase;
        Problem = problem;
        WordCount = wordCount;
        UnknownWordPosition = unknownWordPosition;
    }

    /// <summary>Lowercase words separated by single spaces; null when the phrase could not be read.</summary>
    public string? Phrase { get; }

    /// <summary><see cref="PhraseProblem.None"/> on success.</summary>
    public PhraseProblem Problem { get; }

    /// <summary>How many words were found (0 when nothing was typed).</summary>
    public int WordCount { get; }

    /// <summary>How many words the phrase should have (the length of the list it was read against; 0 when nothing was typed).</summary>
    public int ExpectedWords { get; }

    /// <summary>1-based position of the first word not on the list, or 0.</summary>
    public int UnknownWordPosition { get; }

    /// <summary>True when <see cref="Phrase"/> holds the canonical phrase.</summary>
    public bool IsSuccess => Problem == PhraseProblem.None;

    internal static PhraseReading Ok(string phrase, int wordCount, int expectedWords) => new(phrase, PhraseProblem.None, wordCount, 0, expectedWords);

    internal static PhraseReading Fail(PhraseProblem problem, int wordCount = 0, int unknownWordPosition = 0, int expectedWords = 0) =>
        new(null, problem, wordCount, unknownWordPosition, expectedWords);
}
