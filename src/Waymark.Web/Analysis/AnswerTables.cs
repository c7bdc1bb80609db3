using System.Text;
using System.Xml.Linq;
using Waymark.Statistics;
using Waymark.Statistics.Reporting;
using Waymark.Surveys;
using ResponseRecord = Waymark.Responses.ResponseRecord;

namespace Waymark.Web.Analysis;

/// <summary>A frequency table of one question with the instrument's labels and its chart.</summary>
internal sealed record FrequencyView(Question Question, string Title, FrequencyTable Table, IReadOnlyList<string> Labels, string Svg);

/// <summary>A cross-tabulation of two questions with every test the statistics library gives, labels and chart.</summary>
internal sealed record CrossTabView(
    Question Row, Question Column, string Title, CrossTabResult Table, IReadOnlyList<string> RowLabels, IReadOnlyList<string> ColumnLabels, string Svg);

/// <summary>
/// Analyses of opened responses with the statistics library (the figures of <c>waymark stats</c>,
/// equal to R's): the answers are laid out as the in-memory CSV the library reads, never a file.
/// Levels keep the library's order (by choice name, as R in the C locale: ADR 0006); labels come
/// from the instrument in the chosen language.
/// </summary>
internal static class AnswerTables
{
    /// <summary>Questions a cross-tabulation can use: single choice.</summary>
    public static IReadOnlyList<Question> Categorical(Instrument instrument) =>
        instrument.Questions.Where(q => q.Type == QuestionType.SelectOne).ToList();

    /// <summary>Questions with a frequency table: single choice and numbers.</summary>
    public static IReadOnlyList<Question> Countable(Instrument instrument) =>
        instrument.Questions.Where(q => q.Type is QuestionType.SelectOne or QuestionType.IntegerNumber or QuestionType.DecimalNumber).ToList();

    public static string LabelOf(Instrument instrument, Question question, string language) =>
        question.Labels.For(language, instrument.FallbackLanguage) is { Length: > 0 } label ? label : question.Name;

    public static (FrequencyView? View, string? Error) Frequencies(Instrument instrument, IReadOnlyList<ResponseRecord> records, string? name, string language)
    {
        if (Find(Countable(instrument), name) is not { } question)
        {
            return (null, $"Choose a question for the frequency table: '{name}' is not a single-choice or number question of this instrument.");
        }

        var table = Data(records, [question.Name]).Then(data => Tabulation.Frequencies(data, question.Name, null));
        if (!table.IsSuccess)
        {
            return (null, table.Error);
        }

        var labels = table.Value!.Rows.Select(r => ValueLabel(instrument, question, r.Value, language)).ToList();
        var title = LabelOf(instrument, question, language);
        var labelled = table.Value with { Rows = table.Value.Rows.Select((r, i) => r with { Value = labels[i] }).ToList() };
        return (new FrequencyView(question, title, table.Value, labels, Svg(SvgChart.FrequencyBars(labelled, "frequency-chart", title))), null);
    }

    public static (CrossTabView? View, string? Error) CrossTab(Instrument instrument, IReadOnlyList<ResponseRecord> records, string? rowName, string? columnName, string language)
    {
        var categorical = Categorical(instrument);
        if (Find(categorical, rowName) is not { } row || Find(categorical, columnName) is not { } column)
        {
            return (null, "Choose two single-choice questions of this instrument for the cross-tabulation.");
        }

        if (row.Name == column.Name)
        {
            return (null, "Choose two different questions for the cross-tabulation.");
        }

        var table = Data(records, [row.Name, column.Name]).Then(data => Tabulation.CrossTab(data, row.Name, column.Name, null));
        if (!table.IsSuccess)
        {
            return (null, table.Error);
        }

        var rowLabels = table.Value!.RowLabels.Select(v => ValueLabel(instrument, row, v, language)).ToList();
        var columnLabels = table.Value.ColumnLabels.Select(v => ValueLabel(instrument, column, v, language)).ToList();
        var title = $"{LabelOf(instrument, row, language)} by {LabelOf(instrument, column, language)}";
        var labelled = table.Value with { RowLabels = rowLabels, ColumnLabels = columnLabels };
        return (new CrossTabView(row, column, title, table.Value, rowLabels, columnLabels, Svg(SvgChart.StackedRowPercents(labelled, "crosstab-chart", title))), null);
    }

    /// <summary>The answers to <paramref name="names"/> as CSV text (every cell quoted; unanswered is empty, i.e. missing).</summary>
    internal static string Csv(IReadOnlyList<ResponseRecord> records, IReadOnlyList<string> names)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', names.Select(Quote)).Append('\n');
        foreach (var record in records)
        {
            csv.AppendJoin(',', names.Select(n => record.Answers.TryGetValue(n, out var value) ? Quote(value) : "")).Append('\n');
        }

        return csv.ToString();
    }

    private static Result<CsvData> Data(IReadOnlyList<ResponseRecord> records, IReadOnlyList<string> names) =>
        records.Count == 0
            ? Result<CsvData>.Fail("There are no responses to analyse yet.")
            : CsvData.Parse(Csv(records, names), "responses");

    private static string Quote(string value) => '"' + value.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';

    private static Question? Find(IReadOnlyList<Question> questions, string? name) => questions.FirstOrDefault(q => q.Name == name);

    private static string ValueLabel(Instrument instrument, Question question, string value, string language) =>
        question.Choices.FirstOrDefault(c => c.Name == value)?.Labels.For(language, instrument.FallbackLanguage) is { Length: > 0 } label ? label : value;

    private static string Svg(XElement chart) => chart.ToString(SaveOptions.DisableFormatting);
}
