using System.Globalization;
using System.Xml.Linq;
using Waymark.Statistics;
using Waymark.Statistics.Rendering;
using Waymark.Surveys;
using ResponseRecord = Waymark.Responses.ResponseRecord;

namespace Waymark.Web.Analysis;

/// <summary>
/// A one-way table of one question with the instrument's labels, which counts are hidden as small
/// cells, and its chart (null when nothing may be drawn). <paramref name="Multiple"/>: a select_multiple,
/// whose percents are of the respondents who answered it (they add up to more than 100).
/// </summary>
internal sealed record FrequencyView(
    Question Question, string Title, FrequencyTable Table, IReadOnlyList<string> Labels, IReadOnlyList<bool> Hidden, string? Svg, bool Multiple)
{
    public bool HiddenN => SmallCells.IsSmall(Table.N);

    /// <summary>What a row of the table is: "responses", or "instances of repeat NAME" (<see cref="AnswerTables.UnitOf"/>).</summary>
    public string Unit { get; init; } = "responses";
}

/// <summary>A number question: R's descriptive statistics and hist()'s classes, with the small classes hidden.</summary>
internal sealed record NumberView(Question Question, string Title, DescriptiveStatistics Statistics, IReadOnlyList<string> ClassLabels, IReadOnlyList<bool> Hidden, string Svg)
{
    public Histogram Histogram => Statistics.Histogram;

    /// <summary>What a row of the statistics is: "responses", or "instances of repeat NAME" (<see cref="AnswerTables.UnitOf"/>).</summary>
    public string Unit { get; init; } = "responses";
}

/// <summary>A cross-tabulation of two questions with every test the statistics library gives, labels, hidden cells and chart.</summary>
internal sealed record CrossTabView(
    Question Row, Question Column, string Title, CrossTabulation Table, IReadOnlyList<string> RowLabels, IReadOnlyList<string> ColumnLabels, bool[,] Hidden, string? Svg);

/// <summary>
/// Analyses of opened responses with the statistics library's typed API (the figures of <c>waymark stats</c>,
/// equal to R's): the answers become a <see cref="Dataset"/> directly, with no CSV text and no file.
/// Levels follow the form's choice order (as the R and SPSS exports label them; a choice nobody
/// picked is kept with zero); labels come from the instrument in the chosen language. Counts of 1
/// to 4 are hidden (<see cref="SmallCells"/>).
/// </summary>
internal static class AnswerTables
{
    /// <summary>Questions a cross-tabulation can use: single choice.</summary>
    public static IReadOnlyList<Question> Categorical(Instrument instrument) =>
        instrument.Questions.Where(q => q.Type == QuestionType.SelectOne).ToList();

    /// <summary>Questions with a summary: single and multiple choice (frequencies) and numbers (descriptives and histogram).</summary>
    public static IReadOnlyList<Question> Countable(Instrument instrument) =>
        instrument.Questions.Where(q => q.Type is QuestionType.SelectOne or QuestionType.SelectMultiple or QuestionType.IntegerNumber or QuestionType.DecimalNumber).ToList();

    public static string LabelOf(Instrument instrument, Question question, string language) =>
        question.Labels.For(language, instrument.FallbackLanguage) is { Length: > 0 } label ? label : question.Name;

    /// <summary>The label, saying when the question is asked in a repeat (then each instance is a row of the analysis).</summary>
    public static string TitleOf(Instrument instrument, Question question, string language) =>
        LabelOf(instrument, question, language) + (instrument.RepeatOf(question.Name) is { } repeat ? $" (each instance of repeat {repeat.Name})" : string.Empty);

    /// <summary>
    /// What one row of an analysis of <paramref name="questions"/> is: "responses", or "instances of repeat NAME" when one is
    /// asked in a repeat (the rows of the repeat's long table in the exports).
    /// </summary>
    public static string UnitOf(Instrument instrument, params Question[] questions) =>
        questions.Select(q => instrument.RepeatOf(q.Name)).OfType<Group>().FirstOrDefault() is { } repeat ? $"instances of repeat {repeat.Name}" : "responses";

    /// <summary>
    /// The summary of one question: a <see cref="FrequencyView"/> or a <see cref="NumberView"/>; its chart's element ids
    /// start with <paramref name="idPrefix"/> (a page with several summaries gives each its own).
    /// </summary>
    public static (object? View, string? Error) Summary(Instrument instrument, IReadOnlyList<ResponseRecord> records, string? name, string language, string idPrefix = "")
    {
        if (Find(Countable(instrument), name) is not { } question)
        {
            return (null, $"Choose a question to summarise: '{name}' is not a choice or number question of this instrument.");
        }

        var title = TitleOf(instrument, question, language);
        if (question.Type is QuestionType.IntegerNumber or QuestionType.DecimalNumber)
        {
            var described = Data(instrument, records, [question]).Then(data => Analyse.Describe(data, question.Name));
            return described.IsSuccess ? (Number(question, title, described.Value!, idPrefix) with { Unit = UnitOf(instrument, question) }, null) : (null, described.Error);
        }

        var table = question.Type == QuestionType.SelectMultiple
            ? Rows(instrument, records, [question]).Map(rows => Multiple(question, rows))
            : Data(instrument, records, [question]).Then(data => Analyse.Frequencies(data, question.Name));
        if (!table.IsSuccess)
        {
            return (null, table.Error);
        }

        var labels = table.Value!.Rows.Select(r => ValueLabel(instrument, question, r.Value, language)).ToList();
        var hidden = SmallCells.Hidden(table.Value.Rows.Select(r => r.Count).ToList());
        var labelled = table.Value with { Rows = table.Value.Rows.Select((r, i) => r with { Value = labels[i] }).ToList() };
        var svg = SmallCells.IsSmall(table.Value.N) ? null : Svg(SvgChart.FrequencyBars(labelled, idPrefix + "frequency-chart", title, i => hidden[i] ? SmallCells.Shown : null));
        return (new FrequencyView(question, title, table.Value, labels, hidden, svg, question.Type == QuestionType.SelectMultiple) { Unit = UnitOf(instrument, question) }, null);
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

        var table = Data(instrument, records, [row, column]).Then(data => Analyse.CrossTabulate(data, row.Name, column.Name));
        if (!table.IsSuccess)
        {
            return (null, table.Error);
        }

        var rowLabels = table.Value!.RowLabels.Select(v => ValueLabel(instrument, row, v, language)).ToList();
        var columnLabels = table.Value.ColumnLabels.Select(v => ValueLabel(instrument, column, v, language)).ToList();
        var title = $"{TitleOf(instrument, row, language)} by {TitleOf(instrument, column, language)}";
        var labelled = table.Value with { RowLabels = rowLabels, ColumnLabels = columnLabels };
        var hidden = SmallCells.Hidden(table.Value.Observed);
        // Row percents of a table with hidden cells would give them back: then the chart is left out.
        var svg = SmallCells.Any(hidden) ? null : Svg(SvgChart.StackedRowPercents(labelled, "crosstab-chart", title));
        return (new CrossTabView(row, column, title, table.Value, rowLabels, columnLabels, hidden, svg), null);
    }

    /// <summary>
    /// The answers to <paramref name="questions"/> as the statistics library's table (an unanswered question is
    /// missing), each single-choice question's levels in the form's choice order: a row per response, or per instance of
    /// the repeat the questions are asked in (<see cref="AnalysisRows"/>).
    /// </summary>
    public static Result<Dataset> Data(Instrument instrument, IReadOnlyList<ResponseRecord> records, IReadOnlyList<Question> questions) =>
        Rows(instrument, records, questions).Then(rows => Table(rows, questions));

    /// <summary>The rows an analysis of <paramref name="questions"/> reads: one per response, or one per instance of their repeat.</summary>
    private static Result<IReadOnlyList<IReadOnlyDictionary<string, string>>> Rows(Instrument instrument, IReadOnlyList<ResponseRecord> records, IReadOnlyList<Question> questions)
    {
        if (records.Count == 0)
        {
            return Result.Fail<IReadOnlyList<IReadOnlyDictionary<string, string>>>("There are no responses to analyse (none yet, or none the filter keeps).");
        }

        var rows = AnalysisRows.For(instrument, records.Select(r => r.Answers).ToList(), questions.Select(q => q.Name).ToList());
        if (!rows.IsSuccess)
        {
            return Result.Fail<IReadOnlyList<IReadOnlyDictionary<string, string>>>(rows.Error!);
        }

        return rows.Value!.Rows.Count == 0
            ? Result.Fail<IReadOnlyList<IReadOnlyDictionary<string, string>>>($"There is nothing to analyse: no response has an instance of repeat {rows.Value.Repeat!.Name}.")
            : Result.Ok(rows.Value.Rows);
    }

    private static Result<Dataset> Table(IReadOnlyList<IReadOnlyDictionary<string, string>> rows, IReadOnlyList<Question> questions)
    {
        var names = questions.Select(q => q.Name).ToList();
        var data = Dataset.FromRows(names, rows.Select(r => names.Select(n => r.GetValueOrDefault(n)).ToList()));
        foreach (var question in questions.Where(q => q.Type == QuestionType.SelectOne))
        {
            data = data.WithLevelOrder(question.Name, ChoiceNames(question));
        }

        return Result.Ok(data);
    }

    private static NumberView Number(Question question, string title, DescriptiveStatistics statistics, string idPrefix)
    {
        var histogram = statistics.Histogram;
        var labels = Enumerable.Range(0, histogram.Counts.Count)
            .Select(i => $"{(i == 0 ? "[" : "(")}{Figure(histogram.Breaks[i])}, {Figure(histogram.Breaks[i + 1])}]")
            .ToList();
        var hidden = SmallCells.Hidden(histogram.Counts.Select(c => (double)c).ToList());
        var rows = histogram.Counts.Select((c, i) => new FrequencyRow(labels[i], c, 100.0 * c / statistics.N, 100.0 * c / statistics.N)).ToList();
        var table = new FrequencyTable(question.Name, rows, statistics.N, statistics.Missing, false, statistics.N, statistics.Missing);
        var svg = Svg(SvgChart.FrequencyBars(table, idPrefix + "histogram-chart", $"{title}: histogram", i => hidden[i] ? SmallCells.Shown : null));
        return new NumberView(question, title, statistics, labels, hidden, svg);
    }

    /// <summary>A select_multiple's choices in form order: how many of those who answered chose each (rows: responses or instances).</summary>
    private static FrequencyTable Multiple(Question question, IReadOnlyList<IReadOnlyDictionary<string, string>> records)
    {
        var answered = records
            .Select(r => r.TryGetValue(question.Name, out var raw) ? raw.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [])
            .Where(chosen => chosen.Length > 0)
            .ToList();
        var names = ChoiceNames(question);
        names.AddRange(answered.SelectMany(c => c).Where(c => !names.Contains(c)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var n = answered.Count;
        var rows = names.Select(name =>
        {
            double count = answered.Count(chosen => chosen.Contains(name, StringComparer.Ordinal));
            return new FrequencyRow(name, count, 100 * count / records.Count, n > 0 ? 100 * count / n : double.NaN);
        }).ToList();
        return new FrequencyTable(question.Name, rows, n, records.Count - n, false, n, records.Count - n);
    }

    private static List<string> ChoiceNames(Question question) => question.Choices.Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();

    private static string Figure(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static Question? Find(IReadOnlyList<Question> questions, string? name) => questions.FirstOrDefault(q => q.Name == name);

    private static string ValueLabel(Instrument instrument, Question question, string value, string language) =>
        question.Choices.FirstOrDefault(c => c.Name == value)?.Labels.For(language, instrument.FallbackLanguage) is { Length: > 0 } label ? label : value;

    private static string Svg(XElement chart) => chart.ToString(SaveOptions.DisableFormatting);
}

/// <summary>
/// One question's summary as a page shows it: the <see cref="FrequencyView"/> or <see cref="NumberView"/>, the prefix of its
/// element ids, how many responses were analysed and the level of its heading.
/// </summary>
internal sealed record SummaryBlock(object View, string Prefix, int Responses, int HeadingLevel);
