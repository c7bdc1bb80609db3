namespace Waymark.Surveys.Paging;

/// <summary>
/// A page of the instrument's static layout: its questions (calculations excluded, they are never shown)
/// and the top-level group it shows, if any. Whether it is shown depends on the answers.
/// </summary>
public sealed record Page(int Index, string? Group, IReadOnlyList<Question> Questions);

/// <summary>A choice as the respondent sees it; <see cref="Language"/> is the language key of a label shown in another language than asked (a fallback), else null.</summary>
public sealed record VisibleChoice(string Name, string Label, bool Selected, string? Language = null);

/// <summary>
/// A question ready to render: texts in the respondent's language, the choices left by choice_filter,
/// the current raw value (answer, default, or what was typed and rejected), and the error to show, if any.
/// <see cref="LabelLanguage"/> and <see cref="HintLanguage"/> are the language keys of a label or hint that the form
/// lacks in the respondent's language and shows in another (its fallback); null when the text is in that language.
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
    FieldError? Error,
    string? LabelLanguage = null,
    string? HintLanguage = null);

/// <summary>
/// One page to render: <see cref="Number"/> of <see cref="Count"/> are the "page x of y" among the pages
/// relevant to these answers; <see cref="Index"/> is the stable index into <see cref="SurveyEngine.Pages"/>.
/// </summary>
public sealed record PageView(int Index, int Number, int Count, string? GroupLabel, IReadOnlyList<VisibleQuestion> Questions, string? GroupLabelLanguage = null)
{
    /// <summary>Every fallback language on the page (labels, hints, choices, the group's label): what a notice names.</summary>
    public IReadOnlyList<string> FallbackLanguages =>
        [.. Questions.SelectMany(q => new[] { q.LabelLanguage, q.HintLanguage }.Concat(q.Choices.Select(c => c.Language)))
            .Append(GroupLabelLanguage).OfType<string>().Distinct(StringComparer.Ordinal)];
}
