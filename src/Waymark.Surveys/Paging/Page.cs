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
    string? HintLanguage = null)
{
    private readonly string? _key;

    /// <summary>The answer key and form field name: the question's name, or <c>NAME[i]</c> in instance i of a repeat (<see cref="AnswerKeys"/>).</summary>
    public string Key { get => _key ?? Question.Name; init => _key = value; }

    /// <summary>The repeat instance (1-based) the question is shown for; 0 outside repeats.</summary>
    public int Instance { get; init; }
}

/// <summary>One instance of a repeat on a page: its questions are <c>PageView.Questions[Start..End]</c> (none when all are irrelevant).</summary>
public sealed record VisibleInstance(int Number, int Start, int End);

/// <summary>
/// A repeat on a page: its label, its instances, and whether the respondent adds and removes instances
/// (<see cref="Open"/>: no <c>repeat_count</c>). <see cref="Start"/> is where its block begins in <c>PageView.Questions</c>.
/// </summary>
public sealed record VisibleRepeat(string Name, string? Label, bool Open, IReadOnlyList<VisibleInstance> Instances, int Start)
{
    /// <summary>True while another instance may be added (an open repeat below <see cref="AnswerKeys.MaxInstances"/>).</summary>
    public bool CanAdd => Open && Instances.Count < AnswerKeys.MaxInstances;
}

/// <summary>
/// One page to render: <see cref="Number"/> of <see cref="Count"/> are the "page x of y" among the pages
/// relevant to these answers; <see cref="Index"/> is the stable index into <see cref="SurveyEngine.Pages"/>.
/// </summary>
public sealed record PageView(int Index, int Number, int Count, string? GroupLabel, IReadOnlyList<VisibleQuestion> Questions, string? GroupLabelLanguage = null)
{
    /// <summary>The repeats shown on the page, in order; each one's questions are a run of <see cref="Questions"/>.</summary>
    public IReadOnlyList<VisibleRepeat> Repeats { get; init; } = [];

    /// <summary>Every fallback language on the page (labels, hints, choices, the group's label): what a notice names.</summary>
    public IReadOnlyList<string> FallbackLanguages =>
        [.. Questions.SelectMany(q => new[] { q.LabelLanguage, q.HintLanguage }.Concat(q.Choices.Select(c => c.Language)))
            .Append(GroupLabelLanguage).OfType<string>().Distinct(StringComparer.Ordinal)];
}
