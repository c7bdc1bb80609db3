using Waymark.Surveys.Expressions;

namespace Waymark.Surveys;

/// <summary>The outcome of building an instrument: the instrument, or null with at least one fatal problem.</summary>
public sealed record InstrumentBuild(Instrument? Instrument, IReadOnlyList<Problem> Problems)
{
    public bool IsSuccess => Instrument is not null;
}

/// <summary>
/// A validated survey instrument: settings, languages, groups and questions in form order (groups flattened,
/// each question carrying its group path). Immutable and safe to share between requests.
/// </summary>
public sealed class Instrument
{
    private readonly Dictionary<string, CompiledQuestion> _byName;
    private readonly Dictionary<string, (Group Group, Expression? Relevant)> _groups;
    private readonly Dictionary<string, Expression?> _repeatCounts;

    private Instrument(
        InstrumentSettings settings,
        IReadOnlyList<SurveyLanguage> languages,
        IReadOnlyList<Group> groups,
        List<CompiledQuestion> compiled,
        Dictionary<string, (Group, Expression?)> compiledGroups,
        Dictionary<string, Expression?> repeatCounts)
    {
        Settings = settings;
        Languages = languages;
        Groups = groups;
        Compiled = compiled;
        Questions = compiled.ConvertAll(c => c.Question);
        _byName = compiled.ToDictionary(c => c.Question.Name, StringComparer.Ordinal);
        _groups = compiledGroups;
        _repeatCounts = repeatCounts;
        Repeats = groups.Where(g => g.IsRepeat).ToList();
    }

    public InstrumentSettings Settings { get; }

    /// <summary>Languages in the order they first appear in the form's columns.</summary>
    public IReadOnlyList<SurveyLanguage> Languages { get; }

    /// <summary>Groups in form order (a nested group after its parent).</summary>
    public IReadOnlyList<Group> Groups { get; }

    /// <summary>Questions in form order, including the NAME_other text question of each or_other select.</summary>
    public IReadOnlyList<Question> Questions { get; }

    internal IReadOnlyList<CompiledQuestion> Compiled { get; }

    /// <summary>The repeats in form order (never nested: a repeat inside a repeat is refused).</summary>
    public IReadOnlyList<Group> Repeats { get; }

    /// <summary>The repeat a question is asked in (its innermost enclosing repeat); null outside repeats.</summary>
    public Group? RepeatOf(string question) =>
        _byName.TryGetValue(question, out var c) && c.Repeat is { } repeat ? _groups[repeat].Group : null;

    /// <summary>The questions of a repeat, in form order.</summary>
    public IReadOnlyList<Question> QuestionsOf(Group repeat)
    {
        ArgumentNullException.ThrowIfNull(repeat);
        return Compiled.Where(c => c.Repeat == repeat.Name).Select(c => c.Question).ToList();
    }

    internal Expression? RepeatCountExpression(string repeat) => _repeatCounts.GetValueOrDefault(repeat);

    /// <summary>The language key to fall back to: the settings' default_language, else the first language.</summary>
    public string? FallbackLanguage => Settings.DefaultLanguage ?? (Languages.Count > 0 ? Languages[0].Key : null);

    public Question? Find(string name) => _byName.TryGetValue(name, out var c) ? c.Question : null;

    /// <summary>
    /// Each single-choice question's choice names in the form's order: the level order of its
    /// analyses (console, <c>waymark stats --form</c>, <c>waymark report --form</c>), as the R and SPSS exports label them.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ChoiceOrder() =>
        Questions.Where(q => q.Type == QuestionType.SelectOne)
            .ToDictionary(q => q.Name, q => (IReadOnlyList<string>)q.Choices.Select(c => c.Name).ToList(), StringComparer.Ordinal);

    internal CompiledQuestion? FindCompiled(string name) => _byName.GetValueOrDefault(name);

    internal Expression? GroupRelevance(string group) => _groups.TryGetValue(group, out var g) ? g.Relevant : null;

    public Group? FindGroup(string name) => _groups.TryGetValue(name, out var g) ? g.Group : null;

    /// <summary>
    /// Checks and compiles: unique names, known groups, choices for selects, every expression parsed and every
    /// <c>${name}</c> known, no calculation cycle. Problems carry the survey row and column of the question.
    /// </summary>
    public static InstrumentBuild Create(
        InstrumentSettings settings,
        IReadOnlyList<Group> groups,
        IReadOnlyList<Question> questions,
        IReadOnlyList<SurveyLanguage>? languages = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(questions);
        var problems = new List<Problem>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var compiledGroups = new Dictionary<string, (Group, Expression?)>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (!names.Add(group.Name))
            {
                problems.Add(new Problem("survey", group.Row, "name", $"the name '{group.Name}' is used twice"));
            }
        }

        foreach (var question in questions)
        {
            if (!Names.IsValid(question.Name))
            {
                problems.Add(new Problem("survey", question.Row, "name", $"'{question.Name}' is not a valid name (start with a letter or _, then letters, digits, _ - .)"));
            }
            else if (!names.Add(question.Name))
            {
                problems.Add(new Problem("survey", question.Row, "name", $"the name '{question.Name}' is used twice"));
            }
        }

        var selects = questions.Where(q => q.Type.IsSelect()).Select(q => q.Name).ToHashSet(StringComparer.Ordinal);
        var compiler = new ExpressionCompiler(names, selects, problems);
        var repeatCounts = new Dictionary<string, Expression?>(StringComparer.Ordinal);
        var repeatNames = groups.Where(g => g.IsRepeat).Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            compiledGroups[group.Name] = (group, compiler.Compile(group.Relevant, group.Row, "relevant", choiceFilter: false));
            if (group.IsRepeat)
            {
                if (group.Path.Take(group.Path.Count - 1).LastOrDefault(repeatNames.Contains) is { } outer)
                {
                    problems.Add(new Problem("survey", group.Row, "type", $"repeat '{group.Name}' is inside repeat '{outer}': nested repeats are not supported (put its questions in a repeat of their own, or in the outer repeat)"));
                }

                repeatCounts[group.Name] = compiler.Compile(group.RepeatCount, group.Row, "repeat_count", choiceFilter: false);
            }
        }

        var compiled = new List<CompiledQuestion>();
        foreach (var question in questions)
        {
            var groupRelevance = new List<Expression>();
            var repeat = question.GroupPath.LastOrDefault(repeatNames.Contains);
            foreach (var groupName in question.GroupPath)
            {
                if (!compiledGroups.TryGetValue(groupName, out var g))
                {
                    problems.Add(new Problem("survey", question.Row, "type", $"question '{question.Name}' is in an unknown group '{groupName}'"));
                }
                else if (g.Item2 is { } relevant)
                {
                    groupRelevance.Add(relevant);
                }
            }

            if (question.Type.IsSelect() && question.Choices.Count == 0)
            {
                problems.Add(new Problem("survey", question.Row, "type", $"the choice list '{question.ListName}' of '{question.Name}' has no choices"));
            }

            compiled.Add(new CompiledQuestion(
                question,
                compiled.Count,
                compiler.Compile(question.Relevant, question.Row, "relevant", false),
                compiler.Compile(question.Required, question.Row, "required", false),
                compiler.Compile(question.Constraint, question.Row, "constraint", false),
                compiler.Compile(question.Calculation, question.Row, "calculation", false),
                compiler.Compile(question.ChoiceFilter, question.Row, "choice_filter", true),
                groupRelevance,
                repeat));
            if (question.Type == QuestionType.Calculate && string.IsNullOrWhiteSpace(question.Calculation))
            {
                problems.Add(new Problem("survey", question.Row, "calculation", $"calculate '{question.Name}' has no calculation"));
            }
        }

        foreach (var question in questions)
        {
            ReportUnknownOutputs(question, names, problems);
        }

        foreach (var group in groups.Where(g => g.IsRepeat))
        {
            var inside = compiled.Where(c => c.Repeat == group.Name).Select(c => c.Question.Name).ToHashSet(StringComparer.Ordinal);
            if (repeatCounts[group.Name]?.References.FirstOrDefault(r => inside.Contains(r) || r == group.Name) is { } own)
            {
                problems.Add(new Problem("survey", group.Row, "repeat_count", $"the repeat_count of '{group.Name}' reads ${{{own}}}, which is inside that repeat: the count must come from answers given before it"));
            }
        }

        CalculationCycles.Report(compiled, problems);
        if (problems.Any(p => p.Fatal))
        {
            return new InstrumentBuild(null, problems);
        }

        var allLanguages = languages ?? CollectLanguages(groups, questions);
        return new InstrumentBuild(new Instrument(settings, allLanguages, groups, compiled, compiledGroups, repeatCounts), problems);
    }

    /// <summary>A <c>${name}</c> shown in a text must name a question, as in pyxform.</summary>
    private static void ReportUnknownOutputs(Question question, HashSet<string> names, List<Problem> problems)
    {
        var texts = new[] { ("label", question.Labels), ("hint", question.Hints), ("required_message", question.RequiredMessages), ("constraint_message", question.ConstraintMessages) }
            .Concat(question.Choices.Select(c => ("label", c.Labels)));
        foreach (var (column, text) in texts)
        {
            foreach (var value in text.ByLanguage.Values)
            {
                foreach (var name in Interpolation.References(value))
                {
                    if (!names.Contains(name))
                    {
                        problems.Add(new Problem("survey", question.Row, column, $"'{value}' shows ${{{name}}}, which is not a question in this form"));
                    }
                }
            }
        }
    }

    private static List<SurveyLanguage> CollectLanguages(IReadOnlyList<Group> groups, IReadOnlyList<Question> questions)
    {
        var keys = new List<string>();
        void Add(LocalizedText text)
        {
            foreach (var key in text.ByLanguage.Keys)
            {
                if (!keys.Contains(key))
                {
                    keys.Add(key);
                }
            }
        }

        foreach (var q in questions)
        {
            Add(q.Labels);
            Add(q.Hints);
            foreach (var c in q.Choices)
            {
                Add(c.Labels);
            }
        }

        foreach (var g in groups)
        {
            Add(g.Labels);
        }

        return keys.ConvertAll(k => new SurveyLanguage(k, k));
    }

    /// <summary>Parses one column's expression and checks its references, recording problems at the question's row.</summary>
    private sealed class ExpressionCompiler(HashSet<string> names, HashSet<string> selects, List<Problem> problems)
    {
        public Expression? Compile(string? source, int row, string column, bool choiceFilter)
        {
            if (string.IsNullOrWhiteSpace(source))
            {
                return null;
            }

            if (!Expression.TryParse(source, choiceFilter, out var expression, out var error))
            {
                problems.Add(new Problem("survey", row, column, $"'{source}' does not parse at character {error!.Column}: {error.Message}"));
                return null;
            }

            foreach (var name in expression!.References)
            {
                if (!names.Contains(name))
                {
                    problems.Add(new Problem("survey", row, column, $"'{source}' refers to ${{{name}}}, which is not a question in this form"));
                }
            }

            foreach (var name in expression.ChoiceLabelQuestions.Where(n => !selects.Contains(n)))
            {
                problems.Add(new Problem("survey", row, column, names.Contains(name)
                    ? $"'{source}': jr:choice-name() reads the choice labels of ${{{name}}}, which is not a select question"
                    : $"'{source}' refers to ${{{name}}}, which is not a question in this form"));
            }

            return expression;
        }
    }
}
