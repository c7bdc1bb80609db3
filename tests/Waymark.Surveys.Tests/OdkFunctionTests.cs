using Waymark.Surveys.Expressions;
using Waymark.Surveys.Paging;

namespace Waymark.Surveys.Tests;

/// <summary>
/// The ODK XForms function library that needs no device, held to the definitions in the ODK XForms spec's
/// function table (and XPath 1.0/3.0 where the spec defers to them); device, location and random functions are
/// refused naming why.
/// </summary>
public sealed class OdkFunctionTests
{
    private sealed class Context(XValue current) : IEvaluationContext
    {
        public XValue Current => current;

        public DateOnly Today => new(2026, 11, 27);

        public XValue Reference(string name) => name switch
        {
            "empty" => XValue.Empty,
            "age" => XValue.FromNumber(41),
            "born" => XValue.FromDate(new DateOnly(1985, 3, 9)),
            _ => XValue.FromString("a b c"),
        };

        public XValue ChoiceColumn(string name) => XValue.Empty;

        public string ChoiceLabel(string question, string choice) => $"{question}:{choice}";
    }

    private static string Eval(string source) =>
        Expression.Parse(source, allowChoiceColumns: false).Evaluate(new Context(XValue.FromString("  two   words "))).AsString();

    [Theory]
    // String functions.
    [InlineData("join(', ', 'a', 'b', 'c')", "a, b, c")]
    [InlineData("join('-', 'only')", "only")]
    [InlineData("substr('abcdef', 2)", "cdef")] // 0-based start
    [InlineData("substr('abcdef', 1, 3)", "bc")] // up to end - 1
    [InlineData("substr('abcdef', 0, 100)", "abcdef")]
    [InlineData("substr('abcdef', 4, 2)", "")]
    [InlineData("substr('abc', -2, 2)", "ab")]
    [InlineData("substring-before('1999/04/01', '/')", "1999")] // XPath 1.0 examples
    [InlineData("substring-after('1999/04/01', '/')", "04/01")]
    [InlineData("substring-after('1999/04/01', '19')", "99/04/01")]
    [InlineData("substring-before('abc', 'x')", "")]
    [InlineData("translate('bar', 'abc', 'ABC')", "BAr")]
    [InlineData("translate('--aaa--', 'abc-', 'ABC')", "AAA")]
    [InlineData("normalize-space('  a \t b  ')", "a b")]
    [InlineData("normalize-space()", "two words")] // the context value
    // Boolean functions.
    [InlineData("boolean-from-string('true')", "true")]
    [InlineData("boolean-from-string('1')", "true")]
    [InlineData("boolean-from-string('yes')", "false")]
    [InlineData("boolean-from-string('TRUE')", "false")]
    [InlineData("checklist(1, 2, 1, 0, 'x')", "true")]
    [InlineData("checklist(-1, 1, 1, 1)", "false")]
    [InlineData("checklist(3, -1, 1, 1, 1)", "true")]
    [InlineData("weighted-checklist(3, 5, 1, 2, 1, 2, 0, 9)", "true")]
    [InlineData("weighted-checklist(5, -1, 1, 2, 1, 2)", "false")]
    // Number functions.
    [InlineData("sum(1, 2, 3.5)", "6.5")]
    [InlineData("sum(${age})", "41")]
    [InlineData("sum(${empty})", "NaN")] // number('') is NaN, as XPath sums a node that is empty
    [InlineData("max(3, 9, -2)", "9")]
    [InlineData("min(3, 9, -2)", "-2")]
    [InlineData("max(1, ${empty})", "NaN")]
    [InlineData("count-non-empty(${age}, ${empty}, 'x')", "2")]
    [InlineData("pow(2, 10)", "1024")]
    [InlineData("pow(4, 0.5)", "2")]
    [InlineData("abs(-3.5)", "3.5")]
    [InlineData("floor(-1.5)", "-2")]
    [InlineData("ceiling(1.2)", "2")]
    [InlineData("sqrt(81)", "9")]
    [InlineData("log10(1000)", "3")]
    [InlineData("exp10(2)", "100")]
    [InlineData("round(log(exp(2)), 6)", "2")]
    [InlineData("round(pi(), 4)", "3.1416")]
    [InlineData("round(sin(pi() div 2), 6)", "1")]
    [InlineData("round(cos(0), 6)", "1")]
    [InlineData("round(atan2(1, 1) * 4, 4)", "3.1416")]
    // Date functions.
    [InlineData("format-date(${born}, '%Y-%m-%d')", "1985-03-09")]
    [InlineData("format-date(${born}, '%e/%n/%y')", "9/3/85")]
    [InlineData("format-date(${born}, '%a %d %b %Y')", "Sat 09 Mar 1985")]
    [InlineData("format-date('2024-03-15', '%d.%m.')", "15.03.")]
    [InlineData("format-date('not a date', '%Y')", "")]
    [InlineData("format-date(${born} + 1, '%Y-%m-%d')", "1985-03-10")] // a date plus days is a number of days
    [InlineData("format-date('2024-03-15T23:30:00-05:00', '%Y-%m-%d')", "2024-03-15")] // the day as written
    [InlineData("format-date-time('2024-03-15T14:05:09.250+02:00', '%Y-%m-%d %H:%M:%S.%3')", "2024-03-15 14:05:09.250")]
    [InlineData("format-date-time('2024-03-15T09:05:00', '%h:%M %a %e %b')", "9:05 Fri 15 Mar")]
    [InlineData("format-date-time(${born}, '%H:%M')", "00:00")] // a date is its midnight
    [InlineData("format-date-time('15:00', '%H')", "")]
    [InlineData("format-date('2024-03-15', '%H')", "%H")] // time identifiers belong to format-date-time
    [InlineData("decimal-date-time('1970-01-02T12:00:00Z')", "1.5")] // days since 1970-01-01
    [InlineData("decimal-date-time('2024-03-15')", "19797")]
    [InlineData("decimal-date-time(${born})", "5546")]
    [InlineData("decimal-date-time('not a date')", "NaN")]
    [InlineData("decimal-time('12:00:00')", "0.5")] // the spec's examples: noon is 0.5, 6pm is 0.75
    [InlineData("decimal-time('18:00:00.000+01:00')", "0.75")]
    [InlineData("decimal-time('06:00:00Z')", "0.25")]
    [InlineData("decimal-time('25:00:00')", "NaN")]
    [InlineData("date('2024-03-15T23:30:00-05:00')", "2024-03-15")]
    [InlineData("date(decimal-date-time('2024-03-15T10:00:00'))", "2024-03-15")]
    [InlineData("jr:choice-name(${list}, '${colour}')", "colour:a b c")] // the context gives the label
    [InlineData("jr:choice-name('red', ' ${colour} ')", "colour:red")]
    // Select functions.
    [InlineData("selected-at(${list}, 0)", "a")] // 0-based
    [InlineData("selected-at(${list}, 2)", "c")]
    [InlineData("selected-at(${list}, 3)", "")]
    [InlineData("selected-at(${list}, -1)", "")]
    public void Odk_functions_follow_the_spec(string source, string expected) =>
        Assert.Equal(expected, Eval(source));

    [Theory]
    [InlineData("pulldata('fruits', 'name', 'name', 'mango')", "function 'pulldata()' is not supported (it reads a data file attached to the form on a device)")]
    [InlineData("distance(${where})", "function 'distance()' is not supported (Waymark never asks where a respondent is)")]
    [InlineData("now()", "function 'now()' is not supported (Waymark keeps no time of day about a respondent)")]
    [InlineData("random()", "function 'random()' is not supported (a survey page must give the same result each time it is shown)")]
    [InlineData("count('a')", "count() takes a repeat or a question of a repeat, e.g. count(${repeat})")]
    [InlineData(".. + 1", "'..' (parent paths) is not supported except in position(..); use ${name}")]
    [InlineData("position(.)", "expected '..' (position(..) numbers the instance of the repeat it is in), found '.'")]
    [InlineData("jr:choice-name(${q}, ${q})", "jr:choice-name() takes the select question as a quoted reference, e.g. jr:choice-name(${q}, '${q}')")]
    [InlineData("jr:choice-name(${q}, 'q')", "jr:choice-name() takes the select question as a quoted reference, e.g. jr:choice-name(${q}, '${q}')")]
    public void Device_location_and_random_functions_are_refused_naming_why(string source, string message)
    {
        Assert.False(Expression.TryParse(source, false, out _, out var error));
        Assert.Equal(message, error!.Message);
    }

    [Theory]
    [InlineData("substr('a')")]
    [InlineData("pow(1)")]
    [InlineData("format-date('2024-01-01')")]
    public void Wrong_argument_counts_are_parse_errors(string source) =>
        Assert.False(Expression.TryParse(source, false, out _, out _));

    internal static readonly string[][] ChoiceNameSurvey =
    [
        ["type", "name", "label::English (en)", "label::Français (fr)", "calculation", "relevant"],
        ["select_one colour", "colour", "Colour?", "Couleur ?", string.Empty, string.Empty],
        ["calculate", "colour_label", string.Empty, string.Empty, "jr:choice-name(${colour}, '${colour}')", string.Empty],
        ["note", "shown", "You chose ${colour_label}", "Vous avez choisi ${colour_label}", string.Empty, "${colour} != ''"],
    ];

    internal static readonly string[][] ChoiceNameChoices =
    [
        ["list_name", "name", "label::English (en)", "label::Français (fr)"],
        ["colour", "red", "Red", "Rouge"],
        ["colour", "blue", "Blue", "Bleu"],
    ];

    internal static readonly string[][] ChoiceNameSettings = [["form_id", "default_language"], ["choice_name", "English (en)"]];

    /// <summary>
    /// jr:choice-name(value, '${q}') gives the label of the answer in the language the respondent reads, as ODK
    /// Collect does in the active language; the form's default language when none is given.
    /// </summary>
    [Fact]
    public void Choice_name_gives_the_label_in_the_language_being_read()
    {
        var build = XlsFormHeaderTests.Load(ChoiceNameSurvey, ChoiceNameChoices, ChoiceNameSettings);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        var engine = new SurveyEngine(build.Instrument!);
        var page = engine.PageOf("colour")!.Value;
        var french = engine.Submit(page, "fr", engine.Start("fr"), TestForms.Post(("colour", "red")));
        Assert.Empty(french.Errors);
        Assert.Equal("Rouge", french.Answers["colour_label"]);
        Assert.Equal("Vous avez choisi Rouge", engine.View(engine.PageOf("shown")!.Value, "fr", french.Answers).Questions.Single(q => q.Question.Name == "shown").Label);
        Assert.Equal("Red", engine.Settle(french.Answers, "en")["colour_label"]);
        Assert.Equal("Red", engine.Settle(french.Answers)["colour_label"]);
        Assert.False(engine.Settle(new Dictionary<string, string> { ["colour"] = "green" }).ContainsKey("colour_label")); // not a choice: empty
    }

    [Theory]
    [InlineData("jr:choice-name(${colour}, '${nothing}')", "refers to ${nothing}, which is not a question in this form")]
    [InlineData("jr:choice-name(${colour}, '${colour_label}')", "jr:choice-name() reads the choice labels of ${colour_label}, which is not a select question")]
    public void Choice_name_must_name_a_select_question(string calculation, string message)
    {
        var survey = ChoiceNameSurvey.Select(r => r.ToArray()).ToArray();
        survey[2][4] = calculation;
        var build = XlsFormHeaderTests.Load(survey, ChoiceNameChoices, ChoiceNameSettings);
        Assert.False(build.IsSuccess);
        Assert.Contains(build.Problems, p => p.Fatal && p.Message.Contains(message, StringComparison.Ordinal));
    }
}
