namespace Waymark.Surveys.Paging;

/// <summary>
/// A page of the instrument's static layout: its questions (calculations excluded, they are never shown)
/// and the top-level group it shows, if any. Whether it is shown depends on the answers.
/// </summary>
public sealed record Page(int Index, string? Group, IReadOnlyList<Question> Questions);

/// <summary>A choice as the respondent sees it.</summary>
public sealed record VisibleChoice(string Name, string Label, bool Selected);

/// <summary>
/// A question ready to render: texts in the respondent's language, the choices left by choice_filter,
/// the current raw value (answer, default, or what was typed and rejected), and the error to show, if any.
/// </summary>
public sealed record VisibleQuestion(
    Question Question,
    string Label,
    string? Hint,
    bool Required,
    bool ReadOnly,
    IReadOnlyList<VisibleChoice> Choices,
    string Value,
    IReadOnlyList<string> GroupLabels,
    FieldError? Error);

/// <summary>
/// One page to render: <see cref="Number"/> of <see cref="Count"/> are the "page x of y" among the pages
/// relevant to these answers; <see cref="Index"/> is the stable index into <see cref="SurveyEngine.Pages"/>.
/// </summary>
public sealed record PageView(int Index, int Number, int Count, string? GroupLabel, IReadOnlyList<VisibleQuestion> Questions);
