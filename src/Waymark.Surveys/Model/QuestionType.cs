namespace Waymark.Surveys;

/// <summary>The XLSForm question types Waymark supports (docs/surveys.md); anything else is refused at import.</summary>
public enum QuestionType
{
    Text,
    IntegerNumber,
    DecimalNumber,
    Date,
    SelectOne,
    SelectMultiple,
    Note,
    Calculate,
    Acknowledge,

    /// <summary>A time of day the respondent gives, kept as <c>HH:mm:ss</c> (no time zone).</summary>
    Time,

    /// <summary>A date and time the respondent gives, kept as <c>yyyy-MM-ddTHH:mm:ss</c> (no time zone).</summary>
    DateTime,
}

/// <summary>XLSForm spellings of <see cref="QuestionType"/>.</summary>
public static class QuestionTypes
{
    public static string XlsFormName(this QuestionType type) => type switch
    {
        QuestionType.Text => "text",
        QuestionType.IntegerNumber => "integer",
        QuestionType.DecimalNumber => "decimal",
        QuestionType.Date => "date",
        QuestionType.SelectOne => "select_one",
        QuestionType.SelectMultiple => "select_multiple",
        QuestionType.Note => "note",
        QuestionType.Calculate => "calculate",
        QuestionType.Acknowledge => "acknowledge",
        QuestionType.Time => "time",
        QuestionType.DateTime => "dateTime",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>True for questions a respondent answers (not notes or calculations).</summary>
    public static bool TakesInput(this QuestionType type) => type is not (QuestionType.Note or QuestionType.Calculate);

    public static bool IsSelect(this QuestionType type) => type is QuestionType.SelectOne or QuestionType.SelectMultiple;
}
