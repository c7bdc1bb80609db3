using Waymark.Surveys.XlsForm;

namespace Waymark.Surveys.Tests;

/// <summary>
/// Column headers are read as pyxform reads them (its aliases, <c>bind::</c> and legacy <c>bind:</c> grouping), and a
/// column Waymark does not evaluate that could change what the form does is an error, never a warning.
/// </summary>
public sealed class XlsFormHeaderTests
{
    internal static InstrumentBuild Load(string[][] survey, string[][]? choices = null, string[][]? settings = null)
    {
        var sheets = new List<(string, string)> { ("survey", XlsxBuilder.Rows(survey)) };
        if (choices is not null)
        {
            sheets.Add(("choices", XlsxBuilder.Rows(choices)));
        }

        if (settings is not null)
        {
            sheets.Add(("settings", XlsxBuilder.Rows(settings)));
        }

        return XlsFormFile.Load(new MemoryStream(XlsxBuilder.Package(sheets)), "form.xlsx");
    }

    private static Instrument Imported(InstrumentBuild build)
    {
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        Assert.DoesNotContain(build.Problems, p => p.ToString().Contains("not used", StringComparison.Ordinal));
        return build.Instrument!;
    }

    private static Question Second(string header, string value, string type = "text") =>
        Imported(Load([["type", "name", "label", header], ["integer", "a", "A", string.Empty], [type, "b", "B", value]])).Questions[1];

    [Theory]
    [InlineData("relevant")]
    [InlineData("relevance")]
    [InlineData("Relevant")]
    [InlineData("bind:relevant")]
    [InlineData("bind::relevant")]
    [InlineData(" bind :: relevant ")]
    public void Every_spelling_of_relevant_keeps_the_skip_logic(string header) =>
        Assert.Equal("${a} > 1", Second(header, "${a} > 1").Relevant);

    [Theory]
    [InlineData("constraint")]
    [InlineData("bind:constraint")]
    [InlineData("bind::constraint")]
    public void Every_spelling_of_constraint_keeps_the_check(string header) =>
        Assert.Equal(". > 1", Second(header, ". > 1", "integer").Constraint);

    [Theory]
    [InlineData("constraint_message")]
    [InlineData("constraint message")]
    [InlineData("constraining_message")]
    [InlineData("bind:jr:constraintMsg")]
    [InlineData("bind::jr:constraintMsg")]
    public void Every_spelling_of_the_constraint_message_is_read(string header) =>
        Assert.Equal("Too small", Second(header, "Too small").ConstraintMessages.For(LocalizedText.DefaultKey));

    [Theory]
    [InlineData("required", "yes")]
    [InlineData("bind::required", "yes")]
    [InlineData("bind:required", "true()")]
    public void Every_spelling_of_required_is_read(string header, string value) =>
        Assert.Equal("true()", Second(header, value).Required);

    [Theory]
    [InlineData("required_message")]
    [InlineData("requiredMsg")]
    [InlineData("bind::jr:requiredMsg")]
    public void Every_spelling_of_the_required_message_is_read(string header)
    {
        var instrument = Imported(Load([["type", "name", "label", "required", header], ["text", "a", "A", "yes", "Please answer"]]));
        Assert.Equal("Please answer", instrument.Questions[0].RequiredMessages.For(LocalizedText.DefaultKey));
    }

    [Theory]
    [InlineData("read_only")]
    [InlineData("readonly")]
    [InlineData("read only")]
    [InlineData("bind::readonly")]
    [InlineData("bind:readonly")]
    public void Every_spelling_of_read_only_is_read(string header) =>
        Assert.True(Second(header, "yes").ReadOnly);

    [Theory]
    [InlineData("calculation")]
    [InlineData("calculate")]
    [InlineData("bind::calculate")]
    public void Every_spelling_of_calculation_is_read(string header) =>
        Assert.Equal("${a} * 2", Second(header, "${a} * 2", "calculate").Calculation);

    [Theory]
    [InlineData("appearance")]
    [InlineData("control::appearance")]
    [InlineData("body::appearance")]
    public void Every_spelling_of_appearance_is_read(string header) =>
        Assert.Equal("multiline", Second(header, "multiline").Appearance);

    [Fact]
    public void Translated_messages_under_bind_keep_their_language()
    {
        var instrument = Imported(Load(
            [
                ["type", "name", "label::English (en)", "constraint", "bind::jr:constraintMsg::English (en)", "bind::jr:constraintMsg::French (fr)"],
                ["integer", "a", "A", ". > 1", "Too small", "Trop petit"],
            ]));
        var question = instrument.Questions[0];
        Assert.Equal(("Too small", "Trop petit"), (question.ConstraintMessages.For("en"), question.ConstraintMessages.For("fr")));
    }

    [Fact]
    public void Caption_command_and_tag_are_pyxform_aliases_of_label_type_and_name()
    {
        var instrument = Imported(Load([["command", "tag", "caption"], ["text", "a", "A"]]));
        Assert.Equal(("a", QuestionType.Text, "A"), (instrument.Questions[0].Name, instrument.Questions[0].Type, instrument.Questions[0].Labels.For(LocalizedText.DefaultKey)));
    }

    [Fact]
    public void Choices_value_and_caption_are_aliases_of_name_and_label()
    {
        var instrument = Imported(Load([["type", "name", "label"], ["select_one yn", "a", "A"]], [["list name", "value", "caption"], ["yn", "y", "Yes"]]));
        Assert.Equal(("y", "Yes"), (instrument.Questions[0].Choices[0].Name, instrument.Questions[0].Choices[0].Labels.For(LocalizedText.DefaultKey)));
    }

    [Theory]
    [InlineData("bind::jr:preload", "uid", "XForm bind attribute 'jr:preload'")]
    [InlineData("bind:odk:length", "5", "XForm bind attribute 'odk:length'")]
    [InlineData("control::intent", "org.example", "XForm control attribute 'intent'")]
    [InlineData("body::accuracyThreshold", "5", "XForm control attribute 'accuracyThreshold'")]
    [InlineData("trigger", "${a}", "recalculation when another question changes")]
    [InlineData("save_to", "x", "saving to an entity list")]
    public void A_used_column_that_changes_behaviour_is_an_error_naming_its_meaning(string header, string value, string meaning)
    {
        var build = Load([["type", "name", "label", header], ["integer", "a", "A", string.Empty], ["text", "b", "B", value]]);
        Assert.False(build.IsSuccess);
        var problem = Assert.Single(build.Problems, p => p.Fatal);
        Assert.Equal($"error: survey row 3, column D ({header}): column '{header}' ({meaning}) changes how the form behaves and Waymark does not support it", problem.ToString());
    }

    [Theory]
    [InlineData("repeat_count")]
    [InlineData("jr:count")]
    [InlineData("count")]
    public void A_repeat_count_outside_a_begin_repeat_row_is_an_error(string header)
    {
        var build = Load([["type", "name", "label", header], ["integer", "a", "A", string.Empty], ["text", "b", "B", "3"]]);
        Assert.False(build.IsSuccess);
        var problem = Assert.Single(build.Problems, p => p.Fatal);
        Assert.Equal($"error: survey row 3, column D ({header}): repeat_count (the number of repeats) is read on a 'begin repeat' row only", problem.ToString());
    }

    [Theory]
    [InlineData("bind::jr:preload")]
    [InlineData("trigger")]
    public void An_empty_behaviour_column_is_only_a_warning(string header)
    {
        var build = Load([["type", "name", "label", header], ["text", "a", "A", string.Empty]]);
        Assert.True(build.IsSuccess);
        Assert.Equal($"warning: survey row 1, column D ({header}): column '{header}' is not used by Waymark and is ignored", Assert.Single(build.Problems).ToString());
    }

    [Theory]
    [InlineData("instance::odk:tag")]
    [InlineData("compact_tag")]
    [InlineData("sms_field")]
    [InlineData("rows")]
    [InlineData("notes for translators")]
    public void A_column_that_only_annotates_is_a_warning(string header)
    {
        var build = Load([["type", "name", "label", header], ["text", "a", "A", "x"]]);
        Assert.True(build.IsSuccess);
        Assert.Contains("is not used by Waymark and is ignored", Assert.Single(build.Problems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_spellings_of_one_column_are_a_duplicate()
    {
        var build = Load([["type", "name", "relevant", "bind::relevant"], ["text", "a", "1 = 1", "1 = 2"]]);
        Assert.Equal("error: survey row 1, column D (bind::relevant): duplicate column 'bind::relevant'", Assert.Single(build.Problems).ToString());
    }

    [Theory]
    [InlineData("public_key", "MIIBIjAN", true)]
    [InlineData("add_none_option", "yes", true)]
    [InlineData("add_none_option", "no", false)]
    public void Settings_that_change_where_answers_go_or_what_is_asked_are_errors(string setting, string value, bool fatal)
    {
        var build = Load([["type", "name", "label"], ["text", "a", "A"]], settings: [["form_id", setting], ["f", value]]);
        Assert.Equal(!fatal, build.IsSuccess);
        Assert.Equal(fatal, build.Problems.Any(p => p.Fatal && p.ToString().StartsWith($"error: settings row 2, column B ({setting}): setting '{setting}' (", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("set_form_id", "set_form_title")]
    [InlineData("id_string", "title")]
    [InlineData("form id", "Form Title")]
    public void Settings_aliases_name_the_form(string id, string title)
    {
        var instrument = Imported(Load([["type", "name", "label"], ["text", "a", "A"]], settings: [[id, title], ["my_form", "My form"]]));
        Assert.Equal(("my_form", "My form"), (instrument.Settings.FormId, instrument.Settings.Title));
    }

    [Theory]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void Rows_after_more_than_sixty_empty_rows_are_not_read_as_pyxform(int emptyRows, bool read)
    {
        List<string[]> rows = [["type", "name", "label"], ["text", "a", "A"]];
        rows.AddRange(Enumerable.Repeat<string[]>([string.Empty], emptyRows));
        rows.Add(["text", "stray", "Stray"]);
        var build = Load([.. rows]);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        Assert.Equal(read, build.Instrument!.Questions.Any(q => q.Name == "stray"));
        Assert.Equal(!read, build.Problems.Any(p => p.ToString() == $"warning: survey row {emptyRows + 3}: rows from here on are not read: they follow more than 60 empty rows (as in pyxform)"));
    }

    [Theory]
    [InlineData(20, true)]
    [InlineData(21, false)]
    public void Columns_after_more_than_twenty_empty_header_cells_are_not_read_as_pyxform(int emptyColumns, bool read)
    {
        var far = 3 + emptyColumns + 1;
        string Cell(int row, int column, string text) => $"<c r=\"{Xlsx.Worksheet.ColumnLetter(column)}{row}\" t=\"inlineStr\"><is><t>{text}</t></is></c>";
        var data = $"<row r=\"1\">{Cell(1, 1, "type")}{Cell(1, 2, "name")}{Cell(1, 3, "label")}{Cell(1, far, "relevant")}</row>"
            + $"<row r=\"2\">{Cell(2, 1, "text")}{Cell(2, 2, "a")}{Cell(2, 3, "A")}{Cell(2, far, "1 = 2")}</row>";
        var build = XlsFormFile.Load(new MemoryStream(XlsxBuilder.Package([("survey", data)])), "form.xlsx");
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        Assert.Equal(read ? "1 = 2" : null, build.Instrument!.Questions[0].Relevant);
        Assert.Equal(!read, build.Problems.Any(p => p.ToString().Contains("columns from here on are not read", StringComparison.Ordinal)));
    }
}
