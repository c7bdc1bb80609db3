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
    SelectOne,
    SelectMultipleRaw,
    Dummy,
    Flags,
    FlagDummy,
    Excluded,
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

    /// <summary>The answer key of a long table's instance number (a name no question can have).</summary>
    public const string InstanceKey = "[instance]";

    /// <summary>
    /// The main table: one row per response, the questions outside repeats, and for each repeat a column with its
    /// number of instances (their answers are in the repeat's own table, <see cref="BuildRepeat"/>).
    /// </summary>
    public static ExportPlan Build(Instrument instrument, IReadOnlyList<SurveyResponse> responses, string language)
    {
        var plan = new ExportPlan();
        plan.Add("response_id", "Response id (random)", ColumnKind.Id, null, null, [], "text");
        plan.Add("response_date", "Date of the response (UTC)", ColumnKind.Date, null, null, [], "date");
        plan.AddQuestions(instrument, instrument.Questions.Where(q => instrument.RepeatOf(q.Name) is null), language);
        foreach (var repeat in instrument.Repeats)
        {
            plan.Add(repeat.Name, $"Repeat {repeat.Name}: number of instances (one row each in its own table)", ColumnKind.IntegerNumber, repeat.Name, null, [], "repeat count");
        }

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
            var count = response.Answers.TryGetValue(repeat.Name, out var text) && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? Math.Min(n, AnswerKeys.MaxInstances) : 0;
            for (var i = 1; i <= count; i++)
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

    private void AddQuestions(Instrument instrument, IEnumerable<Question> questions, string language)
    {
        var plan = this;
        var fallback = instrument.FallbackLanguage;
        foreach (var q in questions)
        {
            if (q.Type is QuestionType.Note)
            {
                continue;
            }

            var label = OneLine(q.Labels.For(language, fallback) ?? q.Name);
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
                default:
                    plan.Add(q.Name, label, ColumnKind.Text, q.Name, null, [], q.Type.XlsFormName());
                    break;
            }
        }
    }

    /// <summary>The CSV cell of a column for one response.</summary>
    public static string Value(ExportColumn column, SurveyResponse response)
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
