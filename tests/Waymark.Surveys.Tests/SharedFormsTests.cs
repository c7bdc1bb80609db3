using Waymark.Surveys.XlsForm;
using Waymark.Testing;

namespace Waymark.Surveys.Tests;

/// <summary>Details of pyxform's test forms (tests/fixtures/xlsform); PyxformDifferentialTests compares every form with pyxform.</summary>
public sealed class SharedFormsTests
{
    private static string Form(string folder, string file) => TestEnvironment.Fixture("xlsform", folder, file);

    [Fact]
    public void Legacy_specify_other_becomes_select_one_with_other_and_a_text_question()
    {
        var instrument = XlsFormFile.Load(Form("example_xls", "specify_other.xlsx")).Instrument!;
        Assert.Equal(["sex", "sex_other"], instrument.Questions.Select(q => q.Name));
        var sex = instrument.Questions[0];
        Assert.Equal((QuestionType.SelectOne, "sexes", true), (sex.Type, sex.ListName, sex.OrOther));
        Assert.Equal(["male", "female", "other"], sex.Choices.Select(c => c.Name));
        Assert.Equal("What sex are you?", sex.Labels.For("English"));
        Assert.Equal("selected(${sex}, 'other')", instrument.Questions[1].Relevant);
        Assert.Equal("specify_other", instrument.Settings.FormId);
    }

    [Fact]
    public void Choice_filter_on_labels_and_hidden_question()
    {
        var instrument = XlsFormFile.Load(Form("bug_example_xls", "xl_date_ambiguous.xlsx")).Instrument!;
        var engine = new Paging.SurveyEngine(instrument);
        var answers = engine.Settle(new Dictionary<string, string> { ["name1"] = "Quenmix" });
        var view = engine.View(0, "English", answers);
        Assert.DoesNotContain(view.Questions, q => q.Question.Name == "name3");
        var names = view.Questions.Single(q => q.Question.Name == "names");
        Assert.Equal("Quenmix", names.Choices[0].Label);
        Assert.Equal("English", instrument.Settings.DefaultLanguage);
    }
}
