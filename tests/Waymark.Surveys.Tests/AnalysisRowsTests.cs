using Waymark.Surveys.Export;
using Waymark.Surveys.Responses;

namespace Waymark.Surveys.Tests;

/// <summary>
/// The rows an analysis reads from a form with repeats: a row per response for questions outside repeats, a row per
/// instance for a repeat's questions (the same rows as the repeat's long table in the exports), a response's answer
/// outside the repeat on each of its instances, and two repeats refused together.
/// </summary>
public sealed class AnalysisRowsTests
{
    private static readonly string[][] Survey =
    [
        ["type", "name", "label", "repeat_count"],
        ["select_one yn", "smokes", "Does anyone smoke at home?", ""],
        ["begin repeat", "person", "Person", ""],
        ["integer", "age", "Age", ""],
        ["select_one yn", "works", "Works?", ""],
        ["end repeat", "", "", ""],
        ["begin repeat", "visit", "Visit", "2"],
        ["select_one yn", "paid", "Paid?", ""],
        ["end repeat", "", "", ""],
    ];

    private static readonly string[][] Choices = [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]];

    private static Instrument Form()
    {
        var build = XlsFormHeaderTests.Load(Survey, Choices);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        return build.Instrument!;
    }

    private static readonly Dictionary<string, string>[] Answers =
    [
        new() { ["smokes"] = "yes", ["person"] = "2", ["age[1]"] = "40", ["works[1]"] = "yes", ["age[2]"] = "9", ["visit"] = "2", ["paid[1]"] = "no" },
        new() { ["smokes"] = "no", ["person"] = "1", ["age[1]"] = "30", ["works[1]"] = "no" },
        new() { ["smokes"] = "yes" }, // no instance at all
        new() { ["person"] = "zorblat", ["age[1]"] = "5" }, // a count that is no number: no instance, no crash
    ];

    private static List<IReadOnlyDictionary<string, string>> Responses() => [.. Answers];

    [Fact]
    public void Questions_outside_repeats_give_a_row_per_response()
    {
        var rows = AnalysisRows.For(Form(), Responses(), ["smokes"]);
        Assert.True(rows.IsSuccess, rows.Error);
        Assert.Null(rows.Value!.Repeat);
        Assert.Equal("responses", rows.Value.Unit);
        Assert.Equal(["yes", "no", "yes", null], rows.Value.Rows.Select(r => r.GetValueOrDefault("smokes")));
    }

    [Fact]
    public void A_repeats_question_gives_a_row_per_instance_as_the_long_table_does()
    {
        var rows = AnalysisRows.For(Form(), Responses(), ["age"]);
        Assert.True(rows.IsSuccess, rows.Error);
        Assert.Equal("person", rows.Value!.Repeat!.Name);
        Assert.Equal("instances of repeat person", rows.Value.Unit);
        Assert.Equal(4, rows.Value.Responses);
        Assert.Equal(["40", "9", "30"], rows.Value.Rows.Select(r => r["age"]));

        // The same instances as the repeat's long table in the exports.
        var export = SurveyExport.Create(Form(), Answers.Select((a, i) => new SurveyResponse($"r{i}", null, a, [])).ToList());
        var table = export.Files.Single(f => f.Key.EndsWith("_person.csv", StringComparison.Ordinal) && !f.Key.Contains("spreadsheet", StringComparison.Ordinal)).Value;
        var lines = table.TrimEnd('\n').Split('\n');
        var age = Array.IndexOf(lines[0].Split(','), "age");
        Assert.Equal(rows.Value.Rows.Select(r => r["age"]), lines.Skip(1).Select(l => l.Split(',')[age]));
    }

    [Fact]
    public void A_question_outside_the_repeat_is_its_responses_answer_on_each_instance()
    {
        var rows = AnalysisRows.For(Form(), Responses(), ["works", "smokes"]);
        Assert.True(rows.IsSuccess, rows.Error);
        Assert.Equal("person", rows.Value!.Repeat!.Name);
        Assert.Equal(
            ["yes/yes", "-/yes", "no/no"],
            rows.Value.Rows.Select(r => (r.GetValueOrDefault("works") ?? "-") + "/" + r["smokes"]));
    }

    [Fact]
    public void Questions_of_two_repeats_cannot_be_paired()
    {
        var rows = AnalysisRows.For(Form(), Responses(), ["works", "paid"]);
        Assert.False(rows.IsSuccess);
        Assert.Equal(
            "'works' and 'paid' are asked in different repeats (person, visit): their instances cannot be paired; analyse each with questions of its own repeat or outside repeats.",
            rows.Error);
    }

    [Fact]
    public void The_number_of_instances_is_read_as_the_exports_read_it()
    {
        Assert.Equal(2, AnswerKeys.InstanceCount(Answers[0], "person"));
        Assert.Equal(0, AnswerKeys.InstanceCount(Answers[2], "person"));
        Assert.Equal(0, AnswerKeys.InstanceCount(Answers[3], "person"));
        Assert.Equal(AnswerKeys.MaxInstances, AnswerKeys.InstanceCount(new Dictionary<string, string> { ["person"] = "5000" }, "person"));
    }
}
