using Waymark.Surveys.Expressions;

namespace Waymark.Surveys.Paging;

/// <summary>
/// The page engine: which pages and questions a respondent sees given their answers, calculations and
/// defaults, validation of a submitted page, and dropping answers to questions made irrelevant (as ODK).
/// Stateless apart from the instrument: answers go in and come out as raw strings by question name
/// (README: "Raw answers"). Safe to share between threads.
/// </summary>
public sealed class SurveyEngine
{
    private readonly Instrument _instrument;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, int> _pageOf = new(StringComparer.Ordinal);

    public SurveyEngine(Instrument instrument, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        _instrument = instrument;
        _time = time ?? TimeProvider.System;
        Pages = PageLayout.Build(instrument);
        foreach (var page in Pages)
        {
            foreach (var question in page.Questions)
            {
                _pageOf[question.Name] = page.Index;
            }
        }
    }

    public Instrument Instrument => _instrument;

    /// <summary>The static layout; which of these a respondent sees depends on the answers.</summary>
    public IReadOnlyList<Page> Pages { get; }

    private DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    /// <summary>The page index a question is shown on; null for calculations (never shown).</summary>
    public int? PageOf(string question) => _pageOf.TryGetValue(question, out var page) ? page : null;

    /// <summary>Answers for a new respondent: defaults filled in, calculations done (in <paramref name="language"/>, see <see cref="Settle"/>).</summary>
    public IReadOnlyDictionary<string, string> Start(string? language = null)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in _instrument.Questions)
        {
            if (!string.IsNullOrEmpty(question.Default) && question.Type != QuestionType.Calculate)
            {
                answers[question.Name] = question.Default;
            }
        }

        return Settle(answers, language);
    }

    /// <summary>
    /// Recomputes calculations and drops answers to irrelevant questions until nothing changes (dropping one
    /// answer can make another question irrelevant). Unknown names are dropped too. <paramref name="language"/> is
    /// the language the respondent reads: <c>jr:choice-name()</c> gives labels in it (null: the form's default).
    /// </summary>
    public IReadOnlyDictionary<string, string> Settle(IReadOnlyDictionary<string, string> answers, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var settled = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in answers)
        {
            if (_instrument.Find(name) is not null && value.Length > 0)
            {
                settled[name] = value;
            }
        }

        for (var pass = 0; pass <= _instrument.Compiled.Count; pass++)
        {
            var changed = false;
            foreach (var q in _instrument.Compiled)
            {
                var name = q.Question.Name;
                string? value = null;
                if (IsRelevant(q, settled, language))
                {
                    value = q.Calculation is { } calculation
                        ? CalculatedValue(calculation.Evaluate(Context(settled, language)))
                        : settled.GetValueOrDefault(name);
                }

                if (string.IsNullOrEmpty(value))
                {
                    changed |= settled.Remove(name);
                }
                else if (!settled.TryGetValue(name, out var old) || old != value)
                {
                    settled[name] = value;
                    changed = true;
                }
            }

            if (!changed)
            {
                break;
            }
        }

        return settled;
    }

    /// <summary>True when the question and every enclosing group are relevant to these answers.</summary>
    public bool IsRelevant(string question, IReadOnlyDictionary<string, string> answers) =>
        _instrument.FindCompiled(question) is { } q && IsRelevant(q, answers);

    /// <summary>The pages that show at least one relevant question, in order.</summary>
    public IReadOnlyList<int> RelevantPages(IReadOnlyDictionary<string, string> answers) =>
        Pages.Where(p => IsPageRelevant(p.Index, answers)).Select(p => p.Index).ToList();

    public bool IsPageRelevant(int page, IReadOnlyDictionary<string, string> answers) =>
        Pages[page].Questions.Any(q => IsRelevant(q.Name, answers));

    /// <summary>The first relevant page; null when no page is relevant.</summary>
    public int? FirstPage(IReadOnlyDictionary<string, string> answers) => NextPage(-1, answers);

    /// <summary>The next relevant page after <paramref name="page"/>; null when the survey is complete.</summary>
    public int? NextPage(int page, IReadOnlyDictionary<string, string> answers)
    {
        for (var p = page + 1; p < Pages.Count; p++)
        {
            if (IsPageRelevant(p, answers))
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>The relevant page before <paramref name="page"/>; null on the first page.</summary>
    public int? PreviousPage(int page, IReadOnlyDictionary<string, string> answers)
    {
        for (var p = Math.Min(page, Pages.Count) - 1; p >= 0; p--)
        {
            if (IsPageRelevant(p, answers))
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>
    /// Page <paramref name="page"/> as the respondent sees it in <paramref name="language"/>: only relevant
    /// questions, labels with fallback (language, default language, first), choices after choice_filter.
    /// <paramref name="shown"/> overrides values (text that was rejected), <paramref name="errors"/> attaches errors.
    /// </summary>
    public PageView View(
        int page,
        string language,
        IReadOnlyDictionary<string, string> answers,
        IReadOnlyDictionary<string, string>? shown = null,
        IReadOnlyList<FieldError>? errors = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(page, Pages.Count);
        ArgumentNullException.ThrowIfNull(language);
        ArgumentNullException.ThrowIfNull(answers);
        var fallback = _instrument.FallbackLanguage;
        var questions = new List<VisibleQuestion>();
        foreach (var question in Pages[page].Questions)
        {
            var q = _instrument.FindCompiled(question.Name)!;
            if (!IsRelevant(q, answers, language))
            {
                continue;
            }

            var value = shown?.GetValueOrDefault(question.Name) ?? answers.GetValueOrDefault(question.Name) ?? string.Empty;
            var selected = question.Type.IsSelect() ? Evaluator.SplitList(value) : [];
            var choices = AllowedChoices(q, answers, language)
                .Select(c => new VisibleChoice(c.Name, Interpolation.Fill(c.Labels.For(language, fallback) ?? c.Name, answers), selected.Contains(c.Name), Other(c.Labels.KeyFor(language, fallback))))
                .ToList();
            var groupLabels = question.GroupPath
                .Select(g => _instrument.FindGroup(g)?.Labels.For(language, fallback))
                .OfType<string>()
                .ToList();
            questions.Add(new VisibleQuestion(
                question,
                Interpolation.Fill(question.Labels.For(language, fallback) ?? string.Empty, answers),
                question.Hints.For(language, fallback) is { } hint ? Interpolation.Fill(hint, answers) : null,
                q.Required?.EvaluateBoolean(Context(answers, language)) ?? false,
                question.ReadOnly || question.Calculation is not null || question.Type == QuestionType.Note,
                choices,
                value,
                groupLabels,
                errors?.FirstOrDefault(e => e.Question == question.Name),
                Other(question.Labels.KeyFor(language, fallback)),
                Other(question.Hints.KeyFor(language, fallback))));
        }

        var relevant = RelevantPages(answers);
        var number = relevant.Count(p => p <= page);
        var groupName = Pages[page].Group;
        var pageGroup = groupName is null ? null : _instrument.FindGroup(groupName)?.Labels;
        return new PageView(page, Math.Max(number, 1), Math.Max(relevant.Count, 1), pageGroup?.For(language, fallback), questions, Other(pageGroup?.KeyFor(language, fallback)));

        // A text's language key when it is not the language asked for (a fallback), else null.
        string? Other(string? key) => key is null || key == language ? null : key;
    }

    /// <summary>
    /// Takes the posted values of page <paramref name="page"/> (by question name; several values for
    /// select_multiple), parses and validates every question that was shown, then settles the answers.
    /// Required and constraint are checked after the whole page is merged, so a constraint may compare two
    /// answers of the same page. Questions that were not shown (irrelevant, read-only, notes) ignore the post.
    /// </summary>
    public SubmitResult Submit(
        int page,
        string language,
        IReadOnlyDictionary<string, string> answers,
        IReadOnlyDictionary<string, IReadOnlyList<string>> posted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(page, Pages.Count);
        ArgumentNullException.ThrowIfNull(language);
        ArgumentNullException.ThrowIfNull(posted);
        var before = Settle(answers, language);
        var shown = Pages[page].Questions
            .Select(q => _instrument.FindCompiled(q.Name)!)
            .Where(q => TakesAnswer(q) && IsRelevant(q, before, language))
            .ToList();
        var merged = new Dictionary<string, string>(before, StringComparer.Ordinal);
        var errors = new List<FieldError>();
        var rejected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var q in shown)
        {
            var values = posted.GetValueOrDefault(q.Question.Name) ?? [];
            var (raw, error) = AnswerParser.Parse(q.Question, values, AllowedChoices(q, before, language));
            if (error is { } kind)
            {
                errors.Add(new FieldError(q.Question.Name, kind, DefaultMessages.For(kind, language)));
                rejected[q.Question.Name] = values.Count > 0 ? values[0] : string.Empty;
                merged.Remove(q.Question.Name);
            }
            else
            {
                merged[q.Question.Name] = raw;
            }
        }

        var settled = Settle(merged, language);
        var fallback = _instrument.FallbackLanguage;
        foreach (var q in shown)
        {
            if (rejected.ContainsKey(q.Question.Name) || !IsRelevant(q, settled, language))
            {
                continue;
            }

            if (CheckAnswer(q, settled, language, fallback) is { } error)
            {
                errors.Add(error);
            }
        }

        var revealed = Pages[page].Questions
            .Select(q => _instrument.FindCompiled(q.Name)!)
            .Where(q => TakesAnswer(q) && IsRelevant(q, settled, language) && !shown.Contains(q))
            .Select(q => q.Question.Name)
            .ToList();
        return new SubmitResult(settled, errors, rejected, revealed);
    }

    /// <summary>
    /// Checks every relevant question of every page (before completion, so that a crafted post cannot skip a
    /// required page): the errors of the whole survey, each on its question.
    /// </summary>
    public IReadOnlyList<FieldError> ValidateAll(IReadOnlyDictionary<string, string> answers, string language)
    {
        var settled = Settle(answers, language);
        var fallback = _instrument.FallbackLanguage;
        var errors = new List<FieldError>();
        foreach (var q in _instrument.Compiled)
        {
            if (TakesAnswer(q) && IsRelevant(q, settled, language) && CheckAnswer(q, settled, language, fallback) is { } error)
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    private FieldError? CheckAnswer(CompiledQuestion q, IReadOnlyDictionary<string, string> answers, string language, string? fallback)
    {
        var name = q.Question.Name;
        var value = answers.GetValueOrDefault(name) ?? string.Empty;
        var context = Context(answers, language);
        if (value.Length == 0)
        {
            return q.Required is { } required && required.EvaluateBoolean(context)
                ? new FieldError(name, FieldErrorKind.Required, Interpolation.Fill(q.Question.RequiredMessages.For(language, fallback) ?? DefaultMessages.For(FieldErrorKind.Required, language), answers))
                : null;
        }

        // As ODK: a constraint applies to an answer, never to an empty one.
        if (q.Constraint is { } constraint && !constraint.EvaluateBoolean(context.WithCurrent(AnswerContext.Typed(q.Question.Type, value))))
        {
            return new FieldError(name, FieldErrorKind.Constraint, Interpolation.Fill(q.Question.ConstraintMessages.For(language, fallback) ?? DefaultMessages.For(FieldErrorKind.Constraint, language), answers));
        }

        return null;
    }

    private static bool TakesAnswer(CompiledQuestion q) =>
        q.Question.Type.TakesInput() && !q.Question.ReadOnly && q.Calculation is null;

    private IReadOnlyList<Choice> AllowedChoices(CompiledQuestion q, IReadOnlyDictionary<string, string> answers, string? language)
    {
        if (q.ChoiceFilter is not { } filter)
        {
            return q.Question.Choices;
        }

        var context = Context(answers, language);
        return q.Question.Choices.Where(c => filter.EvaluateBoolean(context.WithChoice(c))).ToList();
    }

    private bool IsRelevant(CompiledQuestion q, IReadOnlyDictionary<string, string> answers, string? language = null)
    {
        if (q.Relevant is null && q.GroupRelevance.Count == 0)
        {
            return true;
        }

        var context = Context(answers, language);
        return q.GroupRelevance.All(g => g.EvaluateBoolean(context)) && (q.Relevant?.EvaluateBoolean(context) ?? true);
    }

    private AnswerContext Context(IReadOnlyDictionary<string, string> answers, string? language = null) => new(_instrument, answers, Today, language);

    /// <summary>A calculation's result as a raw answer: NaN (an empty input) is no answer, as in ODK Collect.</summary>
    private static string CalculatedValue(XValue value) =>
        value.Kind == XValueKind.Number && double.IsNaN(value.AsNumber()) ? string.Empty : value.AsString();
}
