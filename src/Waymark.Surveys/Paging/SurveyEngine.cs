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
    public int? PageOf(string question) =>
        AnswerKeys.TryParse(question, out var name, out _) && _pageOf.TryGetValue(name, out var page) ? page : null;

    /// <summary>Answers for a new respondent: defaults filled in, calculations done (in <paramref name="language"/>, see <see cref="Settle"/>).</summary>
    public IReadOnlyDictionary<string, string> Start(string? language = null)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var q in _instrument.Compiled.Where(q => q.Repeat is null))
        {
            if (!string.IsNullOrEmpty(q.Question.Default) && q.Question.Type != QuestionType.Calculate)
            {
                answers[q.Question.Name] = q.Question.Default;
            }
        }

        // Each repeat's instances (one to begin with for an open repeat) are new: Settle gives them their defaults.
        return Settle(answers, language);
    }

    /// <summary>
    /// Adds an instance at the end of an open repeat (no <c>repeat_count</c>), with its defaults; the answers
    /// unchanged when the repeat is counted or already has <see cref="AnswerKeys.MaxInstances"/> instances.
    /// </summary>
    public IReadOnlyDictionary<string, string> AddInstance(IReadOnlyDictionary<string, string> answers, string repeat, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var settled = Settle(answers, language);
        if (_instrument.FindGroup(repeat) is not { IsRepeat: true, RepeatCount: null } || AnswerContext.Count(settled, repeat) >= AnswerKeys.MaxInstances)
        {
            return settled;
        }

        var count = AnswerContext.Count(settled, repeat) + 1;
        var added = new Dictionary<string, string>(settled, StringComparer.Ordinal) { [repeat] = count.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        FillDefaults(added, repeat, count, count);
        return Settle(added, language);
    }

    /// <summary>
    /// Removes instance <paramref name="instance"/> (1-based) of an open repeat: the later instances move up one, their
    /// answers kept. The answers unchanged when the repeat is counted or has no such instance.
    /// </summary>
    public IReadOnlyDictionary<string, string> RemoveInstance(IReadOnlyDictionary<string, string> answers, string repeat, int instance, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var settled = Settle(answers, language);
        var count = AnswerContext.Count(settled, repeat);
        if (_instrument.FindGroup(repeat) is not { IsRepeat: true, RepeatCount: null } group || instance < 1 || instance > count)
        {
            return settled;
        }

        var removed = new Dictionary<string, string>(settled, StringComparer.Ordinal) { [repeat] = (count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var question in _instrument.QuestionsOf(group))
        {
            for (var i = instance; i <= count; i++)
            {
                removed.Remove(AnswerKeys.Of(question.Name, i));
                if (i < count && settled.TryGetValue(AnswerKeys.Of(question.Name, i + 1), out var later))
                {
                    removed[AnswerKeys.Of(question.Name, i)] = later;
                }
            }
        }

        return Settle(removed, language);
    }

    /// <summary>Fills in the defaults of <paramref name="repeat"/>'s questions in instances <paramref name="from"/> to <paramref name="to"/> where unanswered; true when any was.</summary>
    private bool FillDefaults(Dictionary<string, string> answers, string repeat, int from, int to)
    {
        var filled = false;
        foreach (var q in _instrument.Compiled.Where(c => c.Repeat == repeat && !string.IsNullOrEmpty(c.Question.Default) && c.Question.Type != QuestionType.Calculate))
        {
            for (var i = from; i <= to; i++)
            {
                filled |= answers.TryAdd(AnswerKeys.Of(q.Question.Name, i), q.Question.Default!);
            }
        }

        return filled;
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
        foreach (var (key, value) in answers)
        {
            if (value.Length > 0 && IsKnownKey(key))
            {
                settled[key] = value;
            }
        }

        for (var pass = 0; pass <= _instrument.Compiled.Count + _instrument.Repeats.Count; pass++)
        {
            var changed = SettleCounts(settled, language);
            foreach (var q in _instrument.Compiled)
            {
                foreach (var instance in Instances(q, settled))
                {
                    var key = AnswerKeys.Of(q.Question.Name, instance);
                    string? value = null;
                    if (IsRelevant(q, settled, language, instance))
                    {
                        value = q.Calculation is { } calculation
                            ? CalculatedValue(calculation.Evaluate(Context(settled, language, q.Repeat, instance)))
                            : settled.GetValueOrDefault(key);
                    }

                    if (string.IsNullOrEmpty(value))
                    {
                        changed |= settled.Remove(key);
                    }
                    else if (!settled.TryGetValue(key, out var old) || old != value)
                    {
                        settled[key] = value;
                        changed = true;
                    }
                }
            }

            if (!changed)
            {
                break;
            }
        }

        return settled;
    }

    /// <summary>A question's name outside repeats, <c>NAME[i]</c> for a question of a repeat, or a repeat's name (its count).</summary>
    private bool IsKnownKey(string key)
    {
        if (_instrument.FindGroup(key) is { IsRepeat: true })
        {
            return true;
        }

        return AnswerKeys.TryParse(key, out var name, out var instance)
            && _instrument.FindCompiled(name) is { } q
            && (q.Repeat is null) == (instance == 0);
    }

    /// <summary>
    /// Each repeat's number of instances: its <c>repeat_count</c> (0 to <see cref="AnswerKeys.MaxInstances"/>), or for an
    /// open repeat the number kept (one to begin with); answers of instances beyond it are dropped. True when anything changed.
    /// </summary>
    private bool SettleCounts(Dictionary<string, string> settled, string? language)
    {
        if (_instrument.Repeats.Count == 0)
        {
            return false;
        }

        var changed = false;
        foreach (var repeat in _instrument.Repeats)
        {
            // The number of instances the answers had: instances past it are new ones, which get their defaults (as ODK
            // fills a new repeat instance's defaults when it is created, whether by "Add another" or a count going up).
            var before = AnswerContext.Count(settled, repeat.Name);
            int count;
            if (_instrument.RepeatCountExpression(repeat.Name) is { } expression)
            {
                var number = expression.Evaluate(Context(settled, language)).AsNumber();
                count = double.IsNaN(number) ? 0 : (int)Math.Clamp(Math.Truncate(number), 0, AnswerKeys.MaxInstances);
            }
            else
            {
                count = settled.ContainsKey(repeat.Name) ? AnswerContext.Count(settled, repeat.Name) : 1;
            }

            var text = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (settled.GetValueOrDefault(repeat.Name) != text)
            {
                settled[repeat.Name] = text;
                changed = true;
            }

            if (count > before)
            {
                // Only new instances: an instance the respondent has seen keeps a default they cleared.
                changed |= FillDefaults(settled, repeat.Name, before + 1, count);
            }
        }

        foreach (var key in settled.Keys.ToList())
        {
            if (AnswerKeys.TryParse(key, out var name, out var instance) && instance > 0
                && _instrument.FindCompiled(name)?.Repeat is { } of && instance > AnswerContext.Count(settled, of))
            {
                settled.Remove(key);
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>The instances a question is asked in: 0 alone outside repeats, else 1 to its repeat's count.</summary>
    private static IEnumerable<int> Instances(CompiledQuestion q, IReadOnlyDictionary<string, string> answers) =>
        q.Repeat is { } repeat ? Enumerable.Range(1, AnswerContext.Count(answers, repeat)) : [0];

    /// <summary>True when the question and every enclosing group are relevant to these answers.</summary>
    public bool IsRelevant(string question, IReadOnlyDictionary<string, string> answers) =>
        AnswerKeys.TryParse(question, out var name, out var instance) && _instrument.FindCompiled(name) is { } q && IsRelevant(q, answers, null, instance);

    /// <summary>The pages that show at least one relevant question, in order.</summary>
    public IReadOnlyList<int> RelevantPages(IReadOnlyDictionary<string, string> answers) =>
        Pages.Where(p => IsPageRelevant(p.Index, answers)).Select(p => p.Index).ToList();

    public bool IsPageRelevant(int page, IReadOnlyDictionary<string, string> answers) =>
        Pages[page].Questions.Any(question =>
        {
            var q = _instrument.FindCompiled(question.Name)!;

            // An open repeat with no instance left is still shown (where "add one" is) while the repeat is relevant.
            return Instances(q, answers).Any(i => IsRelevant(q, answers, null, i))
                || (q.Repeat is { } repeat && AnswerContext.Count(answers, repeat) == 0 && _instrument.FindGroup(repeat)!.RepeatCount is null && GroupsRelevant(q, answers, null));
        });

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
        var repeats = new List<VisibleRepeat>();
        var onPage = Pages[page].Questions.Select(q => _instrument.FindCompiled(q.Name)!).ToList();
        for (var at = 0; at < onPage.Count;)
        {
            var q = onPage[at];
            if (q.Repeat is not { } repeatName)
            {
                if (IsRelevant(q, answers, language))
                {
                    questions.Add(Visible(q, 0));
                }

                at++;
                continue;
            }

            // The run of this repeat's questions on the page, shown once per instance.
            var run = onPage.Skip(at).TakeWhile(r => r.Repeat == repeatName).ToList();
            at += run.Count;
            if (!GroupsRelevant(q, answers, language))
            {
                continue;
            }

            var repeat = _instrument.FindGroup(repeatName)!;
            var start = questions.Count;
            var instances = new List<VisibleInstance>();
            for (var i = 1; i <= AnswerContext.Count(answers, repeatName); i++)
            {
                var first = questions.Count;
                questions.AddRange(run.Where(r => IsRelevant(r, answers, language, i)).Select(r => Visible(r, i)));
                instances.Add(new VisibleInstance(i, first, questions.Count));
            }

            var outside = Context(answers, language);
            var label = repeat.Labels.For(language, fallback) is { } text ? Interpolation.Fill(text, n => answers.GetValueOrDefault(outside.Key(n))) : null;
            repeats.Add(new VisibleRepeat(repeatName, label, repeat.RepeatCount is null, instances, start));
        }

        VisibleQuestion Visible(CompiledQuestion q, int instance)
        {
            var question = q.Question;
            var key = AnswerKeys.Of(question.Name, instance);
            var context = Context(answers, language, q.Repeat, instance);
            string Fill(string text) => Interpolation.Fill(text, n => answers.GetValueOrDefault(context.Key(n)));
            var value = shown?.GetValueOrDefault(key) ?? answers.GetValueOrDefault(key) ?? string.Empty;
            var selected = question.Type.IsSelect() ? Evaluator.SplitList(value) : [];
            var choices = AllowedChoices(q, answers, language, instance)
                .Select(c => new VisibleChoice(c.Name, Fill(c.Labels.For(language, fallback) ?? c.Name), selected.Contains(c.Name), Other(c.Labels.KeyFor(language, fallback))))
                .ToList();
            var groupLabels = question.GroupPath
                .Select(g => _instrument.FindGroup(g)?.Labels.For(language, fallback))
                .OfType<string>()
                .ToList();
            return new VisibleQuestion(
                question,
                Fill(question.Labels.For(language, fallback) ?? string.Empty),
                question.Hints.For(language, fallback) is { } hint ? Fill(hint) : null,
                q.Required?.EvaluateBoolean(context) ?? false,
                question.ReadOnly || question.Calculation is not null || question.Type == QuestionType.Note,
                choices,
                value,
                groupLabels,
                errors?.FirstOrDefault(e => e.Question == key),
                Other(question.Labels.KeyFor(language, fallback)),
                Other(question.Hints.KeyFor(language, fallback)))
            { Key = key, Instance = instance };
        }

        var relevant = RelevantPages(answers);
        var number = relevant.Count(p => p <= page);
        var groupName = Pages[page].Group;
        var pageGroup = groupName is null ? null : _instrument.FindGroup(groupName)?.Labels;
        return new PageView(page, Math.Max(number, 1), Math.Max(relevant.Count, 1), pageGroup?.For(language, fallback), questions, Other(pageGroup?.KeyFor(language, fallback))) { Repeats = repeats };

        // A text's language key when it is not the language asked for (a fallback), else null.
        string? Other(string? key) => key is null || key == language ? null : key;
    }

    /// <summary>
    /// Takes the posted values of page <paramref name="page"/> (by question name; several values for
    /// select_multiple), parses and validates every question that was shown, then settles the answers.
    /// Required and constraint are checked after the whole page is merged, so a constraint may compare two
    /// answers of the same page. Questions that were not shown (irrelevant, read-only, notes) ignore the post.
    /// </summary>
    public PageSubmission Submit(
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
        var shown = Entries(page, before).Where(e => TakesAnswer(e.Q) && IsRelevant(e.Q, before, language, e.Instance)).ToList();
        var merged = new Dictionary<string, string>(before, StringComparer.Ordinal);
        var errors = new List<FieldError>();
        var rejected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (q, instance) in shown)
        {
            var key = AnswerKeys.Of(q.Question.Name, instance);
            var values = posted.GetValueOrDefault(key) ?? [];
            var (raw, error) = AnswerParser.Parse(q.Question, values, AllowedChoices(q, before, language, instance));
            if (error is { } kind)
            {
                errors.Add(new FieldError(key, kind, DefaultMessages.For(kind, language)));
                rejected[key] = values.Count > 0 ? values[0] : string.Empty;
                merged.Remove(key);
            }
            else
            {
                merged[key] = raw;
            }
        }

        var settled = Settle(merged, language);
        var fallback = _instrument.FallbackLanguage;
        foreach (var (q, instance) in shown)
        {
            if (rejected.ContainsKey(AnswerKeys.Of(q.Question.Name, instance)) || !IsRelevant(q, settled, language, instance))
            {
                continue;
            }

            if (CheckAnswer(q, instance, settled, language, fallback) is { } error)
            {
                errors.Add(error);
            }
        }

        var revealed = Entries(page, settled)
            .Where(e => TakesAnswer(e.Q) && IsRelevant(e.Q, settled, language, e.Instance) && !shown.Contains(e))
            .Select(e => AnswerKeys.Of(e.Q.Question.Name, e.Instance))
            .ToList();
        return new PageSubmission(settled, errors, rejected, revealed);
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
            foreach (var instance in Instances(q, settled))
            {
                if (TakesAnswer(q) && IsRelevant(q, settled, language, instance) && CheckAnswer(q, instance, settled, language, fallback) is { } error)
                {
                    errors.Add(error);
                }
            }
        }

        return errors;
    }

    /// <summary>Each question of a page with each instance it is asked in (0 outside repeats).</summary>
    private IEnumerable<(CompiledQuestion Q, int Instance)> Entries(int page, IReadOnlyDictionary<string, string> answers) =>
        Pages[page].Questions.Select(q => _instrument.FindCompiled(q.Name)!).SelectMany(q => Instances(q, answers).Select(i => (q, i)));

    private FieldError? CheckAnswer(CompiledQuestion q, int instance, IReadOnlyDictionary<string, string> answers, string language, string? fallback)
    {
        var name = AnswerKeys.Of(q.Question.Name, instance);
        var value = answers.GetValueOrDefault(name) ?? string.Empty;
        var context = Context(answers, language, q.Repeat, instance);
        string Fill(string text) => Interpolation.Fill(text, n => answers.GetValueOrDefault(context.Key(n)));
        if (value.Length == 0)
        {
            return q.Required is { } required && required.EvaluateBoolean(context)
                ? new FieldError(name, FieldErrorKind.Required, Fill(q.Question.RequiredMessages.For(language, fallback) ?? DefaultMessages.For(FieldErrorKind.Required, language)))
                : null;
        }

        // As ODK: a constraint applies to an answer, never to an empty one.
        if (q.Constraint is { } constraint && !constraint.EvaluateBoolean(context.WithCurrent(AnswerContext.Typed(q.Question.Type, value))))
        {
            return new FieldError(name, FieldErrorKind.Constraint, Fill(q.Question.ConstraintMessages.For(language, fallback) ?? DefaultMessages.For(FieldErrorKind.Constraint, language)));
        }

        return null;
    }

    private static bool TakesAnswer(CompiledQuestion q) =>
        q.Question.Type.TakesInput() && !q.Question.ReadOnly && q.Calculation is null;

    private IReadOnlyList<Choice> AllowedChoices(CompiledQuestion q, IReadOnlyDictionary<string, string> answers, string? language, int instance)
    {
        if (q.ChoiceFilter is not { } filter)
        {
            return q.Question.Choices;
        }

        var context = Context(answers, language, q.Repeat, instance);
        return q.Question.Choices.Where(c => filter.EvaluateBoolean(context.WithChoice(c))).ToList();
    }

    private bool IsRelevant(CompiledQuestion q, IReadOnlyDictionary<string, string> answers, string? language = null, int instance = 0)
    {
        if (q.Relevant is null && q.GroupRelevance.Count == 0)
        {
            return true;
        }

        var context = Context(answers, language, q.Repeat, instance);
        return q.GroupRelevance.All(g => g.EvaluateBoolean(context)) && (q.Relevant?.EvaluateBoolean(context) ?? true);
    }

    /// <summary>Every group around the question relevant, read outside any instance (whether a repeat is shown at all).</summary>
    private bool GroupsRelevant(CompiledQuestion q, IReadOnlyDictionary<string, string> answers, string? language)
    {
        var context = Context(answers, language);
        return q.GroupRelevance.All(g => g.EvaluateBoolean(context));
    }

    private AnswerContext Context(IReadOnlyDictionary<string, string> answers, string? language = null, string? repeat = null, int instance = 0) =>
        new(_instrument, answers, Today, language, default, null, repeat, instance);

    /// <summary>A calculation's result as a raw answer: NaN (an empty input) is no answer, as in ODK Collect.</summary>
    private static string CalculatedValue(XValue value) =>
        value.Kind == XValueKind.Number && double.IsNaN(value.AsNumber()) ? string.Empty : value.AsString();
}
