namespace Waymark.Surveys.Paging;

/// <summary>Why an answer was not accepted.</summary>
public enum FieldErrorKind
{
    Required,
    Constraint,
    NotInteger,
    NotDecimal,
    NotDate,
    UnknownChoice,
    TooLong,
    NotTime,
    NotDateTime,
}

/// <summary>An error on one question, with the message in the respondent's language (the form's own message when it has one).</summary>
public sealed record FieldError(string Question, FieldErrorKind Kind, string Message);

/// <summary>
/// The outcome of a page submission. <see cref="Answers"/> are the settled answers (posted values merged,
/// calculations done, answers to questions made irrelevant dropped). <see cref="Rejected"/> keeps text that
/// did not parse, to show it back. <see cref="Revealed"/> lists questions of this page that the answers
/// just made relevant: the page must be shown again so they can be answered.
/// </summary>
public sealed record PageSubmission(
    IReadOnlyDictionary<string, string> Answers,
    IReadOnlyList<FieldError> Errors,
    IReadOnlyDictionary<string, string> Rejected,
    IReadOnlyList<string> Revealed)
{
    /// <summary>True when the respondent may move on: no error and nothing newly revealed on this page.</summary>
    public bool IsAccepted => Errors.Count == 0 && Revealed.Count == 0;

    public FieldError? ErrorFor(string question) => Errors.FirstOrDefault(e => e.Question == question);
}
