using System.Globalization;
using Waymark.Surveys.Expressions;

namespace Waymark.Surveys.Paging;

/// <summary>
/// Evaluation context over raw answers: <c>${name}</c> is typed by its question (a number for a filled
/// integer/decimal, a date for a valid date, else the raw string; unanswered is the empty string). Inside
/// instance <c>instance</c> of repeat <c>repeat</c>, <c>${name}</c> of a question of that repeat is its answer in the
/// same instance (as ODK reads a relative reference); from outside, the first instance's (an XPath node-set's string value).
/// </summary>
internal sealed class AnswerContext(
    Instrument instrument,
    IReadOnlyDictionary<string, string> answers,
    DateOnly today,
    string? language,
    XValue current = default,
    Choice? choice = null,
    string? repeat = null,
    int instance = 0) : IEvaluationContext
{
    public XValue Current { get; } = current == default ? XValue.Empty : current;

    public DateOnly Today => today;

    public XValue Reference(string name) => Value(name, Key(name));

    public double Position => instance > 0 ? instance : double.NaN;

    public IReadOnlyList<XValue> Values(string name)
    {
        if (instrument.FindGroup(name) is { IsRepeat: true } whole)
        {
            return Enumerable.Repeat(XValue.Empty, Count(answers, whole.Name)).ToList();
        }

        if (instrument.RepeatOf(name) is not { } of || of.Name == repeat)
        {
            return [Reference(name)];
        }

        return Enumerable.Range(1, Count(answers, of.Name)).Select(i => Value(name, AnswerKeys.Of(name, i))).ToList();
    }

    public XValue Indexed(string name, int at) =>
        instrument.RepeatOf(name) is { } of
            ? at <= Count(answers, of.Name) ? Value(name, AnswerKeys.Of(name, at)) : XValue.Empty
            : at == 1 ? Reference(name) : XValue.Empty;

    /// <summary>The answer key <c>${name}</c> reads here (see the class summary).</summary>
    public string Key(string name) =>
        instrument.RepeatOf(name) is { } of ? AnswerKeys.Of(name, of.Name == repeat ? instance : 1) : name;

    /// <summary>The number of instances of a repeat in these answers (kept under the repeat's name).</summary>
    public static int Count(IReadOnlyDictionary<string, string> answers, string repeat) => AnswerKeys.InstanceCount(answers, repeat);

    private XValue Value(string name, string key) =>
        answers.TryGetValue(key, out var raw) && raw.Length > 0 ? Typed(instrument.Find(name)?.Type, raw) : XValue.Empty;

    public XValue ChoiceColumn(string name)
    {
        if (choice is null)
        {
            return XValue.Empty;
        }

        if (name == "name")
        {
            return XValue.FromString(choice.Name);
        }

        if (choice.Columns.TryGetValue(name, out var value))
        {
            return XValue.FromString(value);
        }

        // label or label::Language: the choice's label in that language.
        if (name == "label" || name.StartsWith("label::", StringComparison.Ordinal))
        {
            var language = name == "label" ? LocalizedText.DefaultKey : SurveyLanguage.FromColumnSuffix(name[7..]).Key;
            return XValue.FromString(choice.Labels.For(language) ?? string.Empty);
        }

        return XValue.Empty;
    }

    /// <summary>The label in the language being shown (null: the form's default language), as the page shows it.</summary>
    public string ChoiceLabel(string question, string choice)
    {
        var fallback = instrument.FallbackLanguage;
        var found = instrument.Find(question)?.Choices.FirstOrDefault(c => string.Equals(c.Name, choice, StringComparison.Ordinal));
        return found is null ? string.Empty : found.Labels.For(language ?? fallback ?? LocalizedText.DefaultKey, fallback) ?? found.Name;
    }

    public AnswerContext WithCurrent(XValue value) => new(instrument, answers, today, language, value, choice, repeat, instance);

    public AnswerContext WithChoice(Choice filtered) => new(instrument, answers, today, language, Current, filtered, repeat, instance);

    /// <summary>The XPath value of a raw answer of the given type.</summary>
    public static XValue Typed(QuestionType? type, string raw)
    {
        switch (type)
        {
            case QuestionType.IntegerNumber or QuestionType.DecimalNumber:
                var number = XValue.StringToNumber(raw);
                return double.IsNaN(number) ? XValue.FromString(raw) : XValue.FromNumber(number);
            case QuestionType.Date when DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                return XValue.FromDate(date);
            default:
                return XValue.FromString(raw);
        }
    }
}
