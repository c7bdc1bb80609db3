using System.Globalization;
using System.Text.RegularExpressions;

namespace Waymark.Surveys.Paging;

/// <summary>Turns posted form values into the raw answer format (README), or says why it cannot.</summary>
internal static partial class AnswerParser
{
    /// <summary>Longer free text is refused rather than stored: a bound on what one respondent can make us keep.</summary>
    public const int MaxTextLength = 10_000;

    /// <summary>Returns the raw answer ("" for no answer) or the kind of error.</summary>
    public static (string Raw, FieldErrorKind? Error) Parse(Question question, IReadOnlyList<string> posted, IReadOnlyList<Choice> allowed)
    {
        var values = posted.Select(v => v.Replace("\r\n", "\n", StringComparison.Ordinal).Trim()).Where(v => v.Length > 0).ToList();
        if (values.Count == 0)
        {
            return (string.Empty, null);
        }

        var first = values[0];
        if (first.Length > MaxTextLength)
        {
            return (string.Empty, FieldErrorKind.TooLong);
        }

        switch (question.Type)
        {
            case QuestionType.IntegerNumber:
                return IntegerPattern().IsMatch(first) && int.TryParse(first, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                    ? (i.ToString(CultureInfo.InvariantCulture), null)
                    : (string.Empty, FieldErrorKind.NotInteger);
            case QuestionType.DecimalNumber:
                return DecimalPattern().IsMatch(first) && double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                    ? (first.TrimStart('+'), null)
                    : (string.Empty, FieldErrorKind.NotDecimal);
            case QuestionType.Date:
                return DateOnly.TryParseExact(first, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? (date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null)
                    : (string.Empty, FieldErrorKind.NotDate);
            case QuestionType.Time:
                // <input type="time"> posts HH:mm (HH:mm:ss with seconds); kept as XML Schema time without a zone.
                return TimePattern().Match(first.Trim()) is { Success: true } time && TimeOnly.TryParseExact(time.Value, ["H:mm", "H:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock)
                    ? (clock.ToString("HH:mm:ss", CultureInfo.InvariantCulture), null)
                    : (string.Empty, FieldErrorKind.NotTime);
            case QuestionType.DateTime:
                // <input type="datetime-local"> posts yyyy-MM-ddTHH:mm; a text box may give a space instead of T.
                return DateTimePattern().Match(first.Trim()) is { Success: true } && System.DateTime.TryParseExact(first.Trim().Replace(' ', 'T'), ["yyyy-MM-ddTH:mm", "yyyy-MM-ddTH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)
                    ? (moment.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), null)
                    : (string.Empty, FieldErrorKind.NotDateTime);
            case QuestionType.SelectOne:
                return allowed.Any(c => c.Name == first) ? (first, null) : (string.Empty, FieldErrorKind.UnknownChoice);
            case QuestionType.SelectMultiple:
                if (values.Any(v => !allowed.Any(c => c.Name == v)))
                {
                    return (string.Empty, FieldErrorKind.UnknownChoice);
                }

                // Choice order, each once: the same answer always has the same raw text.
                return (string.Join(' ', allowed.Where(c => values.Contains(c.Name)).Select(c => c.Name)), null);
            case QuestionType.Acknowledge:
                return ("OK", null);
            default:
                return (first, null);
        }
    }

    [GeneratedRegex(@"^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"^[+-]?[0-9]{1,10}$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[+-]?([0-9]{1,20}(\.[0-9]{0,20})?|\.[0-9]{1,20})$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalPattern();
}
