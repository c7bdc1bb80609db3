using Waymark.Surveys.XlsForm;
using Waymark.Testing;

namespace Waymark.Surveys.Tests;

/// <summary>Every XLSForm in tests/fixtures/xlsform (pyxform's test suite) imports or is refused naming the feature.</summary>
public sealed class SharedFormsTests
{
    private static string Folder => TestEnvironment.Fixture("xlsform");

    /// <summary>File → null when it imports, else a message fragment naming the unsupported feature and where.</summary>
    public static TheoryData<string, string?> Outcomes => new()
    {
        { "ODKValidateWarnings.xlsx", "survey row 3, column A (type): question type 'phone number' is not supported" },
        { "attribute_columns_test.xlsx", "survey row 15, column A (type): repeats ('begin repeat') are not supported" },
        { "bad_calc.xlsx", "survey row 2, column D (calculation): 'because pyxform doesn't know what to do' does not parse at character 22" },
        { "case_insensitivity.xlsx", "SURVEY row 3, column A (TYPE): question type 'select_one_external'" },
        { "duplicate_columns.xlsx", "survey row 1, column E (label): duplicate column 'label'" },
        { "extra_columns.xlsx", null },
        { "extra_sheet_names.xlsx", null },
        { "flat_xlsform_test.xlsx", "survey row 34, column A (type): location question type 'geopoint' is not supported" },
        { "include.xlsx", "survey row 3, column A (type): 'include' (questions from another form) is not supported" },
        { "include_json.xlsx", "survey row 2, column A (type): 'include'" },
        { "loop.xlsx", "survey row 3, column A (type): loops ('begin loop over toilet_type') are not supported" },
        { "pull_data.xlsx", "survey row 2, column D (calculation): 'pulldata('fruits', 'name','name', 'mango')' does not parse at character 1: function 'pulldata()' is not supported" },
        { "specify_other.xlsx", null },
        { "survey_no_name.xlsx", "the workbook has no sheet named 'survey'" },
        { "text_and_integer.xlsx", null },
        { "xl_date_ambiguous.xlsx", null },
        { "xl_date_ambiguous_v1.xlsx", null },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void Each_shared_form_imports_or_is_refused_naming_the_feature(string file, string? refusal)
    {
        var build = XlsFormFile.Load(Path.Combine(Folder, file));
        var text = string.Join("\n", build.Problems);
        if (refusal is null)
        {
            Assert.True(build.IsSuccess, text);
            Assert.DoesNotContain(build.Problems, p => p.Fatal);
        }
        else
        {
            Assert.False(build.IsSuccess);
            Assert.Contains(build.Problems, p => p.Fatal && p.ToString().Contains(refusal, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_shared_form_has_a_stated_outcome()
    {
        var files = Directory.GetFiles(Folder, "*.xlsx").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var stated = Outcomes.Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        Assert.Equal(stated, files);
    }

    [Fact]
    public void Legacy_specify_other_becomes_select_one_with_other_and_a_text_question()
    {
        var instrument = XlsFormFile.Load(Path.Combine(Folder, "specify_other.xlsx")).Instrument!;
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
        var instrument = XlsFormFile.Load(Path.Combine(Folder, "xl_date_ambiguous.xlsx")).Instrument!;
        var engine = new Paging.SurveyEngine(instrument);
        var answers = engine.Settle(new Dictionary<string, string> { ["name1"] = "Quenmix" });
        var view = engine.View(0, "English", answers);
        Assert.DoesNotContain(view.Questions, q => q.Question.Name == "name3");
        var names = view.Questions.Single(q => q.Question.Name == "names");
        Assert.Equal("Quenmix", names.Choices[0].Label);
        Assert.Equal("English", instrument.Settings.DefaultLanguage);
    }
}
