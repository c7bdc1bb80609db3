using System.Globalization;
using Waymark.Responses;
using Waymark.Surveys;
using Waymark.Web.Surveys;

namespace Waymark.Web.Analysis;

/// <summary>
/// How the answers table shows the kept responses: answers as codes (as stored and exported) or as
/// the choice labels in the chosen language, and sorted by one column, ascending or descending, with
/// missing answers last either way. Read from GET query parameters, so every view is a link.
/// </summary>
internal sealed class AnswerView
{
    public const string ShowField = "show";
    public const string SortField = "sort";
    public const string DirectionField = "dir";
    public const string Codes = "codes";
    public const string Labels = "labels";
    public const string Ascending = "asc";
    public const string Descending = "desc";

    /// <summary>The columns other than questions that can be sorted on.</summary>
    public const string DayColumn = "day";
    public const string VersionColumn = "version";
    public const string LanguageColumn = "language";
    public const string DurationColumn = "duration";
    public const string FlagsColumn = "flags";

    private AnswerView(string show, string? sort, string direction) => (Show, Sort, Direction) = (show, sort, direction);

    /// <summary><see cref="Codes"/> or <see cref="Labels"/>.</summary>
    public string Show { get; }

    /// <summary>The column sorted on (a question's name or one of the other columns), or null for the stored order.</summary>
    public string? Sort { get; }

    /// <summary><see cref="Ascending"/> or <see cref="Descending"/>.</summary>
    public string Direction { get; }

    public bool ShowsLabels => Show == Labels;

    /// <summary>Reads the view from the request; an unknown column or value falls back to the default (codes, stored order).</summary>
    public static AnswerView Read(Func<string, string?> value, Instrument instrument)
    {
        var sort = value(SortField);
        var known = sort is DayColumn or VersionColumn or LanguageColumn or DurationColumn or FlagsColumn || (sort is not null && instrument.Find(sort) is not null);
        return new AnswerView(value(ShowField) == Labels ? Labels : Codes, known ? sort : null, value(DirectionField) == Descending ? Descending : Ascending);
    }

    /// <summary>The view's fields that differ from the default, for links and hidden fields.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields(string? sort = null, string? direction = null, string? show = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        if ((show ?? Show) != Codes)
        {
            fields.Add(KeyValuePair.Create(ShowField, show ?? Show));
        }

        if ((sort ?? Sort) is { } column)
        {
            fields.Add(KeyValuePair.Create(SortField, column));
            fields.Add(KeyValuePair.Create(DirectionField, direction ?? Direction));
        }

        return fields;
    }

    /// <summary>The direction a click on <paramref name="column"/>'s heading sorts in: ascending, or descending when it is sorted ascending now.</summary>
    public string NextDirection(string column) => Sort == column && Direction == Ascending ? Descending : Ascending;

    /// <summary>The value of <c>aria-sort</c> for <paramref name="column"/>'s heading, or null when the table is not sorted on it.</summary>
    public string? AriaSort(string column) => Sort != column ? null : Direction == Ascending ? "ascending" : "descending";

    /// <summary>The records in this view's order (stable: records that compare equal keep their stored order).</summary>
    public IReadOnlyList<ResponseRecord> Order(IReadOnlyList<ResponseRecord> records, Instrument instrument)
    {
        if (Sort is not { } column)
        {
            return records;
        }

        var keys = records.Select(r => Key(r, column, instrument)).ToList();
        var indexes = Enumerable.Range(0, records.Count).ToList();
        indexes.Sort((a, b) =>
        {
            var (x, y) = (keys[a], keys[b]);
            if (x.Missing != y.Missing)
            {
                return x.Missing ? 1 : -1; // missing last, whatever the direction
            }

            var order = x.Number.CompareTo(y.Number);
            if (order == 0)
            {
                order = string.CompareOrdinal(x.Text, y.Text);
            }

            order = Direction == Descending ? -order : order;
            return order != 0 ? order : a.CompareTo(b);
        });
        return indexes.Select(i => records[i]).ToList();
    }

    /// <summary>A cell's text: the answer as stored, or with each choice given by its label in <paramref name="language"/>.</summary>
    public string Cell(Instrument instrument, ResponseRecord record, Question question, string language)
    {
        var text = RepeatLayout.AnswerText(instrument, record.Answers, question.Name);
        if (!ShowsLabels || question.Choices.Count == 0 || instrument.RepeatOf(question.Name) is not null || text.Length == 0)
        {
            return text;
        }

        var values = question.Type == QuestionType.SelectMultiple ? text.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [text];
        return string.Join("; ", values.Select(v => question.Choices.FirstOrDefault(c => c.Name == v)?.Labels.For(language, instrument.FallbackLanguage) is { Length: > 0 } label ? label : v));
    }

    private static (bool Missing, double Number, string Text) Key(ResponseRecord record, string column, Instrument instrument)
    {
        switch (column)
        {
            case DayColumn:
                return record.Day is { } day ? (false, day.DayNumber, "") : (true, 0, "");
            case VersionColumn:
                return (record.Version.Length == 0, 0, record.Version);
            case LanguageColumn:
                return (record.Language.Length == 0, 0, record.Language);
            case DurationColumn:
                return record.DurationSeconds is { } seconds ? (false, seconds, "") : (true, 0, "");
            case FlagsColumn:
                return (false, record.Flags.Count, string.Join(' ', record.Flags));
        }

        var question = instrument.Find(column)!;
        var text = RepeatLayout.AnswerText(instrument, record.Answers, column);
        if (text.Length == 0)
        {
            return (true, 0, "");
        }

        if (question.Type is QuestionType.IntegerNumber or QuestionType.DecimalNumber
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return (false, number, "");
        }

        // A single choice sorts by the form's choice order (as its analyses and the R and SPSS factor levels).
        var position = question.Type == QuestionType.SelectOne ? question.Choices.Select(c => c.Name).ToList().IndexOf(text) : -1;
        return position >= 0 ? (false, position, "") : (false, int.MaxValue, text);
    }
}
