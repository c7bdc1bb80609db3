using System.Text;
using Waymark.Surveys.Responses;

namespace Waymark.Surveys.Export;

/// <summary>What a CSV column holds.</summary>
internal enum ColumnKind
{
    Id,
    Date,
    Text,
    IntegerNumber,
    DecimalNumber,
    DateValue,

    /// <summary>A time of day answer, <c>HH:mm:ss</c> in the CSV.</summary>
    TimeValue,

    /// <summary>A date-and-time answer, <c>yyyy-MM-ddTHH:mm:ss</c> in the CSV (no time zone: the clock as the respondent gave it).</summary>
    DateTimeValue,
    SelectOne,
    SelectMultipleRaw,
    Dummy,
    Flags,
    FlagDummy,
    Excluded,
    FormVersion,
    AnswerLanguage,
    Duration,
}

/// <summary>
/// One CSV column: a variable name valid in R, SPSS and Stata (letters, digits, _; starts with a letter;
/// at most 32 characters; unique), its label, and for selects the (value, label) pairs.
/// </summary>
internal sealed record ExportColumn(
    string Variable,
    string Label,
    ColumnKind Kind,
    string? Question,
    string? Choice,
    IReadOnlyList<(string Value, string Label)> Values,
    string TypeName)
{
    /// <summary>
    /// The numeric code of each value of a select_one in SPSS and Stata: the choice names themselves when every
    /// name is a whole number as written (1, 2, 99, -1: the author's coding is kept), else 1..k in choice order.
    /// </summary>
    public IReadOnlyList<long> Codes { get; } = Values.All(v => IsCode(v.Value))
        ? Values.Select(v => long.Parse(v.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList()
        : Enumerable.Range(1, Values.Count).Select(i => (long)i).ToList();

    private static bool IsCode(string name) =>
        long.TryParse(name, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var code)
        && code.ToString(System.Globalization.CultureInfo.InvariantCulture) == name
        && Math.Abs(code) < 1_000_000_000; // Stata's long and SPSS's F11.0 hold it exactly
}

/// <summary>The columns of an export, shared by the CSV, the codebook and the three syntax files.</summary>
internal sealed class ExportPlan
{
    /// <summary>Words SPSS, Stata or R refuse as variable names.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with", "byte", "double", "float",
        "if", "in", "int", "long", "using", "strl", "else", "for", "function", "repeat", "while", "break", "next",
        "true", "false", "null", "na", "nan", "inf", "return",
    };

    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    private ExportPlan()
    {
    }

    public List<ExportColumn> Columns { get; } = [];

    /// <summary>What the analyst must know about this table (answers from other form versions); each one line.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>The label of the missing code for a question that was not in the form version a response was given in.</summary>
    public const string NotAskedLabel = "Not asked in this version";

    /// <summary>
    /// The cell a question gets in a response given in a form version that did not have it: a number no answer and no choice
    /// name of this export holds (-97, else -997, -9997, …), a user-missing value in SPSS, <c>.a</c> in Stata, NA in R.
    /// </summary>
    public string NotAskedCode { get; private set; } = "-97";

    /// <summary>For each known form version, the names of its questions and repeats (whatever is not there was not asked).</summary>
    private readonly Dictionary<string, HashSet<string>> _asked = new(StringComparer.Ordinal);

    private readonly Dictionary<ExportColumn, int> _notAsked = [];

    /// <summary>How many responses were not asked this column's question (given in a version without it).</summary>
    public int NotAskedCount(ExportColumn column) => _notAsked.GetValueOrDefault(column);

    /// <summary>Whether the column's question was missing from the version <paramref name="response"/> was given in.</summary>
    public bool NotAsked(ExportColumn column, SurveyResponse response) =>
        column.Question is { } question && question != InstanceKey
        && response.Version is { } version && _asked.TryGetValue(version, out var names) && !names.Contains(question);

    /// <summary>
    /// Answers from other versions of the form: the questions of another known version (<paramref name="versions"/>) that some
    /// response of that version could have answered get their own columns after the layout's; an answer to a question no known
    /// version has is kept as a text column at the end, with a warning naming it; a question missing from a response's version
    /// is coded <see cref="NotAskedCode"/>. Nothing a response holds is left out without saying so.
    /// </summary>
    private void PlaceVersions(Instrument layout, IReadOnlyList<Instrument> versions, IReadOnlyList<SurveyResponse> responses, string language)
    {
        var layoutVersion = layout.Settings.Version;
        var known = new List<Instrument> { layout };
        known.AddRange(versions.Where(v => v.Settings.Version != layoutVersion).DistinctBy(v => v.Settings.Version, StringComparer.Ordinal));
        foreach (var form in known)
        {
            _asked[form.Settings.Version] = form.Questions.Select(q => q.Name).Concat(form.Repeats.Select(r => r.Name)).ToHashSet(StringComparer.Ordinal);
        }

        // A question of another version some response of that version was asked: its own column(s), labelled as that version labels it.
        var given = responses.Select(r => r.Version).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var placed = Columns.Select(c => c.Question).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var form in known.Skip(1).Where(f => given.Contains(f.Settings.Version)))
        {
            var extra = form.Questions.Where(q => form.RepeatOf(q.Name) is null && !placed.Contains(q.Name)).ToList();
            AddQuestions(form, extra, language, $" (version {form.Settings.Version})");
            placed.UnionWith(extra.Select(q => q.Name));
        }

        // Answers no known version can place (a repeat's instances of another version, a form not given): kept as text, named.
        var repeatQuestions = known.SelectMany(f => f.Repeats.SelectMany(r => f.QuestionsOf(r)).Select(q => q.Name)).ToHashSet(StringComparer.Ordinal);
        var unplaced = responses
            .SelectMany(r => r.Answers.Keys.Select(k => (Key: k, r.Version)))
            .Where(a => !placed.Contains(a.Key) && !(AnswerKeys.TryParse(a.Key, out var q, out _) && repeatQuestions.Contains(q)))
            .GroupBy(a => a.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var answers in unplaced)
        {
            Add(answers.Key, $"Answer to {answers.Key}, a question not in the form given (version {Shown(layoutVersion)})", ColumnKind.Text, answers.Key, null, [], "text");
            var from = string.Join(", ", answers.Select(a => Shown(a.Version ?? string.Empty)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
            Warnings.Add($"{answers.Key}: {answers.Count()} answer(s) given in version {from} to a question the form used (version {Shown(layoutVersion)}) does not have: "
                + $"kept as text in column {Columns[^1].Variable} at the end; give that version's form too for its labels and type");
        }

        foreach (var version in responses.Select(r => r.Version).OfType<string>().Where(v => !_asked.ContainsKey(v)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var count = responses.Count(r => r.Version == version);
            Warnings.Add($"{count} response(s) were given in version {version}, whose form was not given: a question that version did not have shows as unanswered (empty), not as '{NotAskedLabel}'; give that version's form too");
        }

        // The code must not be an answer or a choice name anywhere in the export.
        var taken = responses.SelectMany(r => r.Answers.Values).Concat(known.SelectMany(f => f.Questions.SelectMany(q => q.Choices.Select(c => c.Name))))
            .Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
        for (var code = "-97"; ; code = "-9" + code[1..])
        {
            if (!taken.Contains(code))
            {
                NotAskedCode = code;
                break;
            }
        }

        foreach (var column in Columns)
        {
            var count = responses.Count(r => NotAsked(column, r));
            if (count > 0)
            {
                _notAsked[column] = count;
            }
        }
    }

    private static string Shown(string version) => version.Length == 0 ? "(none)" : version;

    /// <summary>The answer key of a long table's instance number (a name no question can have).</summary>
    public const string InstanceKey = "[instance]";

    /// <summary>
    /// The main table: one row per response, the questions outside repeats, and for each repeat a column with its
    /// number of instances (their answers are in the repeat's own table, <see cref="BuildRepeat"/>).
    /// </summary>
    public static ExportPlan Build(Instrument instrument, IReadOnlyList<SurveyResponse> responses, string language, IReadOnlyList<Instrument>? versions = null)
    {
        var plan = new ExportPlan();
        plan.Add("response_id", "Response id (random)", ColumnKind.Id, null, null, [], "text");
        plan.Add("response_date", "Date of the response (UTC)", ColumnKind.Date, null, null, [], "date");
        plan.Add("form_version", "Form version the response was given in", ColumnKind.FormVersion, null, null, [], "text");
        plan.Add("language", "Language the response was given in (code)", ColumnKind.AnswerLanguage, null, null, [], "text");
        plan.Add("duration_s", $"Time on the pages in all, seconds (rounded to {SurveyResponse.DurationStepSeconds} s)", ColumnKind.Duration, null, null, [], "integer");
        plan.AddQuestions(instrument, instrument.Questions.Where(q => instrument.RepeatOf(q.Name) is null), language);
        foreach (var repeat in instrument.Repeats)
        {
            plan.Add(repeat.Name, $"Repeat {repeat.Name}: number of instances (one row each in its own table)", ColumnKind.IntegerNumber, repeat.Name, null, [], "repeat count");
        }

        plan.PlaceVersions(instrument, versions ?? [], responses, language);

        plan.Add("flags", "Data-quality flags (space-separated)", ColumnKind.Flags, null, null, [], "text");
        foreach (var flag in responses.SelectMany(r => r.Flags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            plan.Add("flag_" + flag, "Flag: " + flag, ColumnKind.FlagDummy, null, flag, [("0", "no"), ("1", "yes")], "0/1");
        }

        if (responses.Any(r => r.Excluded is not null))
        {
            // Set aside in the console, never deleted: the researcher decides with this column.
            plan.Add("excluded", "Set aside in the console as a test or junk response (empty: not set aside)", ColumnKind.Excluded, null, null, [], "text");
        }

        return plan;
    }

    /// <summary>
    /// A repeat's long table (as KoboToolbox exports one): one row per instance, keyed by the parent response's id and
    /// the instance number (1, 2, …), then the repeat's questions. Rows are <see cref="RepeatRows"/>.
    /// </summary>
    public static ExportPlan BuildRepeat(Instrument instrument, Group repeat, string language)
    {
        var plan = new ExportPlan();
        plan.Add("response_id", "Response id (random) of the response this instance belongs to", ColumnKind.Id, null, null, [], "text");
        plan.Add("instance", $"Instance of repeat {repeat.Name} (1, 2, … in the order given)", ColumnKind.IntegerNumber, InstanceKey, null, [], "integer");
        plan.AddQuestions(instrument, instrument.QuestionsOf(repeat), language);
        return plan;
    }

    /// <summary>A repeat's instances as rows: each with its response's id and day, its answers by question name and its number.</summary>
    public static List<SurveyResponse> RepeatRows(Instrument instrument, Group repeat, IReadOnlyList<SurveyResponse> responses)
    {
        var questions = instrument.QuestionsOf(repeat);
        var rows = new List<SurveyResponse>();
        foreach (var response in responses)
        {
            for (var i = 1; i <= AnswerKeys.InstanceCount(response.Answers, repeat.Name); i++)
            {
                var answers = new Dictionary<string, string>(StringComparer.Ordinal) { [InstanceKey] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                foreach (var q in questions)
                {
                    if (response.Answers.TryGetValue(AnswerKeys.Of(q.Name, i), out var value))
                    {
                        answers[q.Name] = value;
                    }
                }

                rows.Add(new SurveyResponse(response.Id, response.Date, answers, []));
            }
        }

        return rows;
    }

    private void AddQuestions(Instrument instrument, IEnumerable<Question> questions, string language, string labelSuffix = "")
    {
        var plan = this;
        var fallback = instrument.FallbackLanguage;
        foreach (var q in questions)
        {
            if (q.Type is QuestionType.Note)
            {
                continue;
            }

            var label = OneLine(q.Labels.For(language, fallback) ?? q.Name) + labelSuffix;
            // A list may hold one name twice (allow_choice_duplicates, cascading selects): one value, its first label.
            var values = q.Choices.DistinctBy(c => c.Name, StringComparer.Ordinal).Select(c => (c.Name, OneLine(c.Labels.For(language, fallback) ?? c.Name))).ToList();
            switch (q.Type)
            {
                case QuestionType.SelectOne:
                    plan.Add(q.Name, label, ColumnKind.SelectOne, q.Name, null, values, "select_one " + q.ListName);
                    break;
                case QuestionType.SelectMultiple:
                    plan.Add(q.Name, label + " (all chosen)", ColumnKind.SelectMultipleRaw, q.Name, null, [], "select_multiple " + q.ListName);
                    foreach (var (name, choiceLabel) in values)
                    {
                        plan.Add(q.Name + "_" + name, $"{label}: {choiceLabel}", ColumnKind.Dummy, q.Name, name, [("0", "not chosen"), ("1", "chosen")], "0/1");
                    }

                    break;
                case QuestionType.IntegerNumber:
                    plan.Add(q.Name, label, ColumnKind.IntegerNumber, q.Name, null, [], "integer");
                    break;
                case QuestionType.DecimalNumber:
                    plan.Add(q.Name, label, ColumnKind.DecimalNumber, q.Name, null, [], "decimal");
                    break;
                case QuestionType.Date:
                    plan.Add(q.Name, label, ColumnKind.DateValue, q.Name, null, [], "date");
                    break;
                case QuestionType.Time:
                    plan.Add(q.Name, label, ColumnKind.TimeValue, q.Name, null, [], "time");
                    break;
                case QuestionType.DateTime:
                    plan.Add(q.Name, label, ColumnKind.DateTimeValue, q.Name, null, [], "dateTime");
                    break;
                default:
                    plan.Add(q.Name, label, ColumnKind.Text, q.Name, null, [], q.Type.XlsFormName());
                    break;
            }
        }
    }

    /// <summary>The CSV cell of a column for one response.</summary>
    public string Cell(ExportColumn column, SurveyResponse response) => NotAsked(column, response) ? NotAskedCode : Value(column, response);

    private static string Value(ExportColumn column, SurveyResponse response)
    {
        var raw = column.Question is null ? string.Empty : response.Answers.GetValueOrDefault(column.Question) ?? string.Empty;
        return column.Kind switch
        {
            ColumnKind.Id => response.Id,
            ColumnKind.Date => response.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            ColumnKind.Dummy => raw.Length == 0 ? string.Empty : Expressions.Evaluator.SplitList(raw).Contains(column.Choice) ? "1" : "0",
            ColumnKind.Flags => string.Join(' ', response.Flags),
            ColumnKind.FlagDummy => response.Flags.Contains(column.Choice!) ? "1" : "0",
            ColumnKind.Excluded => response.Excluded ?? string.Empty,
            ColumnKind.FormVersion => OneLine(response.Version ?? string.Empty),
            ColumnKind.AnswerLanguage => OneLine(response.Language ?? string.Empty),
            ColumnKind.Duration => response.DurationSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            // SPSS's GET DATA cannot read a line break inside a quoted field: the CSV holds free text on one line, and an
            // answer outside a choice list (choice names never hold one) too.
            ColumnKind.Text or ColumnKind.SelectOne or ColumnKind.SelectMultipleRaw => OneLine(raw),
            _ => raw,
        };
    }

    private void Add(string name, string label, ColumnKind kind, string? question, string? choice, IReadOnlyList<(string, string)> values, string typeName) =>
        Columns.Add(new ExportColumn(UniqueVariable(name), label, kind, question, choice, values, typeName));

    /// <summary>A name every package accepts: [A-Za-z][A-Za-z0-9_]{0,31}, unique ignoring case.</summary>
    private string UniqueVariable(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (text.Length == 0 || !char.IsAsciiLetter(text[0]))
        {
            text.Insert(0, 'v');
        }

        if (Reserved.Contains(text.ToString()))
        {
            text.Append("_v");
        }

        var candidate = text.ToString();
        if (candidate.Length > 32)
        {
            candidate = candidate[..32];
        }

        var unique = candidate;
        for (var i = 2; !_used.Add(unique); i++)
        {
            var suffix = "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            unique = (candidate.Length + suffix.Length > 32 ? candidate[..(32 - suffix.Length)] : candidate) + suffix;
        }

        return unique;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
