using System.Globalization;
using Waymark.Surveys.Expressions;

namespace Waymark.Surveys.Paging;

/// <summary>
/// Evaluation context over raw answers: <c>${name}</c> is typed by its question (a number for a filled
/// integer/decimal, a date for a valid date, else the raw string; unanswered is the empty string).
/// </summary>
internal sealed class AnswerContext(
    Instrument instrument,
    IReadOnlyDictionary<string, string> answers,
    DateOnly today,
    string? language,
    XValue current = default,
    Choice? choice = null) : IEvaluationContext
{
    public XValue Current { get; } = current == default ? XValue.Empty : current;

    public DateOnly Today => today;

    public XValue Reference(string name)
    {
        if (!answers.TryGetValue(name, out var raw) || raw.Length == 0)
        {
            return XValue.Empty;
        }

        return Typed(instrument.Find(name)?.Type, raw);
    }

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

    public AnswerContext WithCurrent(XValue value) => new(instrument, answers, today, language, value, choice);

    public AnswerContext WithChoice(Choice filtered) => new(instrument, answers, today, language, Current, filtered);

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
