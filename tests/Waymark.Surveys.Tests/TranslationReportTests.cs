using Waymark.Surveys.XlsForm;

namespace Waymark.Surveys.Tests;

/// <summary>
/// The translation completeness report an editor sees at upload: every text that exists in some language but is
/// missing in a declared one is listed with its place and what would be shown instead, never left to fall back silently.
/// </summary>
public sealed class TranslationReportTests
{
    private static Instrument Load(string[][] survey, string[][] choices)
    {
        var build = XlsFormFile.Load(
            new MemoryStream(XlsxBuilder.Package(
            [
                ("survey", XlsxBuilder.Rows(survey)),
                ("choices", XlsxBuilder.Rows(choices)),
                ("settings", XlsxBuilder.Rows(["form_id", "default_language"], ["f", "en"])),
            ])),
            "x.xlsx");
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        return build.Instrument!;
    }

    [Fact]
    public void Each_label_hint_message_and_choice_missing_in_a_declared_language_is_listed_with_its_place()
    {
        var instrument = Load(
            [
                ["type", "name", "label::English (en)", "label::German (de)", "hint::English (en)", "hint::German (de)", "constraint", "constraint_message::English (en)"],
                ["begin group", "g", "Group", "Gruppe", "", "", "", ""],
                ["select_one yn", "helped", "Were you helped?", "", "Pick one", "Eine wählen", "", ""],
                ["integer", "age", "Age", "Alter", "In years", "", ". > 17", "Over 17, please"],
                ["end group", "", "", "", "", "", "", ""],
            ],
            [
                ["list_name", "name", "label::English (en)", "label::German (de)"],
                ["yn", "yes", "Yes", "Ja"],
                ["yn", "no", "No", ""],
            ]);

        var report = TranslationReport.Of(instrument);
        var german = instrument.Languages.Single(l => l.Key == "de");
        Assert.Empty(report.In(instrument.Languages.Single(l => l.Key == "en")));
        var missing = report.In(german).Select(m => (m.Sheet, m.Row, m.Column, m.Item, m.ShownInstead)).ToList();
        Assert.Equal(
            [
                ("survey", 3, "label::German (de)", "helped", "Were you helped?"),
                ("survey", 4, "hint::German (de)", "age", "In years"),
                ("survey", 4, "constraint_message::German (de)", "age", "Over 17, please"),
                ("choices", 0, "label::German (de)", "yn no", "No"),
            ],
            missing);
        Assert.False(report.IsComplete);
        Assert.Equal(8, report.Texts); // group label, two labels, two hints, one message, two choices
    }

    [Fact]
    public void A_form_in_one_language_or_fully_translated_is_complete()
    {
        var single = Load([["type", "name", "label"], ["text", "a", "A"]], [["list_name", "name", "label"], ["yn", "yes", "Yes"]]);
        Assert.True(TranslationReport.Of(single).IsComplete);
        var both = Load(
            [["type", "name", "label::English (en)", "label::German (de)"], ["select_one yn", "a", "A", "A (de)"]],
            [["list_name", "name", "label::English (en)", "label::German (de)"], ["yn", "yes", "Yes", "Ja"]]);
        var report = TranslationReport.Of(both);
        Assert.True(report.IsComplete);
        Assert.Equal(2, report.Texts);
    }
}
