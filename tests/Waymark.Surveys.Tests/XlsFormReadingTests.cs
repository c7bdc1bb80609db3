using Waymark.Surveys.Export;
using Waymark.Surveys.XlsForm;
using Waymark.Surveys.Xlsx;

namespace Waymark.Surveys.Tests;

/// <summary>
/// What KoboToolbox and ODK forms carry that protects nothing when refused: device metadata, media, duplicate
/// choices in cascading selects, a lone "Sheet1", phone numbers and hidden values; and the workbook rules
/// (1904 dates, legacy .xls) that decide what the cells say.
/// </summary>
public sealed class XlsFormReadingTests
{
    private static InstrumentBuild Load(string[][] survey, string[][]? choices = null, string[][]? settings = null) =>
        XlsFormHeaderTests.Load(survey, choices, settings);

    [Theory]
    [InlineData("start")]
    [InlineData("end")]
    [InlineData("today")]
    [InlineData("deviceid")]
    [InlineData("imei")]
    [InlineData("phonenumber")]
    [InlineData("username")]
    [InlineData("email")]
    [InlineData("audit")]
    [InlineData("start-geopoint")]
    [InlineData("background-audio")]
    [InlineData("get device id")]
    public void Device_metadata_is_dropped_with_a_warning_that_nothing_is_recorded(string type)
    {
        var build = Load([["type", "name", "label"], [type, "meta_field", string.Empty], ["text", "a", "A"]]);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        Assert.Equal(["a"], build.Instrument!.Questions.Select(q => q.Name));
        var warning = Assert.Single(build.Problems);
        Assert.False(warning.Fatal);
        Assert.Equal($"warning: survey row 2, column A (type): metadata '{type}' is dropped: Waymark records nothing about the respondent's device, account, location or time (a response keeps only its day), so 'meta_field' will not be in the data", warning.ToString());
    }

    [Fact]
    public void An_expression_that_uses_dropped_metadata_is_an_error_not_a_silent_empty_value()
    {
        var build = Load([["type", "name", "label", "relevant"], ["start", "started", string.Empty, string.Empty], ["text", "a", "A", "${started} != ''"]]);
        Assert.False(build.IsSuccess);
        Assert.Contains(build.Problems, p => p.Fatal && p.ToString().Contains("started", StringComparison.Ordinal));
    }

    [Fact]
    public void Phone_number_is_text_with_pyxform_digits_constraint_and_hint()
    {
        var instrument = Load([["type", "name", "label"], ["phone number", "tel", "Phone"]]).Instrument!;
        var tel = instrument.Questions[0];
        Assert.Equal((QuestionType.Text, "regex(., '^\\d*$')", "Enter numbers only."), (tel.Type, tel.Constraint, tel.Hints.For(LocalizedText.DefaultKey)));
        var engine = new Paging.SurveyEngine(instrument);
        Assert.NotNull(engine.Submit(0, LocalizedText.DefaultKey, engine.Start(), TestForms.Post(("tel", "12a"))).Errors.SingleOrDefault());
        Assert.Empty(engine.Submit(0, LocalizedText.DefaultKey, engine.Start(), TestForms.Post(("tel", "0123"))).Errors);
    }

    [Fact]
    public void Phone_number_keeps_the_row_s_own_constraint_and_hint()
    {
        var tel = Load([["type", "name", "label", "hint", "constraint"], ["phone number", "tel", "Phone", "Ten digits", "string-length(.) = 10"]]).Instrument!.Questions[0];
        Assert.Equal(("string-length(.) = 10", "Ten digits"), (tel.Constraint, tel.Hints.For(LocalizedText.DefaultKey)));
    }

    [Fact]
    public void Hidden_keeps_its_default_as_a_value_never_shown()
    {
        var instrument = Load([["type", "name", "label", "default"], ["hidden", "wave", string.Empty, "wave 2"], ["text", "a", "A", string.Empty]]).Instrument!;
        Assert.Equal((QuestionType.Calculate, "'wave 2'"), (instrument.Questions[0].Type, instrument.Questions[0].Calculation));
        var engine = new Paging.SurveyEngine(instrument);
        Assert.Equal("wave 2", engine.Start()["wave"]);
        Assert.DoesNotContain(engine.View(0, LocalizedText.DefaultKey, engine.Start()).Questions, q => q.Question.Name == "wave");
    }

    [Fact]
    public void Media_in_choices_is_dropped_with_a_warning_and_a_choice_without_label_shows_its_name()
    {
        var build = Load(
            [["type", "name", "label"], ["select_one mood", "mood", "Mood"]],
            [["list_name", "name", "label", "image", "media::audio::English (en)"], ["mood", "happy", "Happy", "happy.jpg", string.Empty], ["mood", "sad", string.Empty, "sad.jpg", "sad.mp3"]]);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        Assert.Equal(
            [
                "warning: choices row 2, column D (image): media (column 'image') is dropped: Waymark shows text only, and the label is shown",
                "warning: choices row 3, column D (image): media (column 'image') is dropped: Waymark shows text only, and the choice shows its name 'sad'",
                "warning: choices row 3, column E (media::audio::English (en)): media (column 'media::audio::English (en)') is dropped: Waymark shows text only, and the choice shows its name 'sad'",
            ],
            build.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_question_whose_only_content_is_media_is_an_error()
    {
        var build = Load([["type", "name", "label", "image"], ["text", "a", "A", "a.jpg"], ["note", "b", string.Empty, "b.jpg"]]);
        Assert.False(build.IsSuccess);
        Assert.Equal(
            [
                "warning: survey row 2, column D (image): media (column 'image') is dropped: Waymark shows text only, and the label is shown",
                "error: survey row 3, column D (image): media (column 'image') is the only content of the question and Waymark shows text only: add a label",
            ],
            build.Problems.Select(p => p.ToString()));
    }

    private static readonly string[][] Cascade =
    [
        ["type", "name", "label", "choice_filter"],
        ["select_one country", "country", "Country", string.Empty],
        ["select_one city", "city", "City", "country = ${country}"],
    ];

    private static readonly string[][] CascadeChoices =
    [
        ["list_name", "name", "label", "country"],
        ["country", "fi", "Finland", string.Empty],
        ["country", "se", "Sweden", string.Empty],
        ["city", "other", "Other (Finland)", "fi"],
        ["city", "other", "Other (Sweden)", "se"],
    ];

    [Fact]
    public void A_duplicate_choice_is_an_error_unless_allow_choice_duplicates()
    {
        var refused = Load(Cascade, CascadeChoices);
        Assert.Contains(refused.Problems, p => p.Fatal && p.ToString().Contains("the list 'city' has the choice 'other' twice (settings 'allow_choice_duplicates: yes' allows it", StringComparison.Ordinal));
        var build = Load(Cascade, CascadeChoices, [["allow_choice_duplicates"], ["yes"]]);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        Assert.Empty(build.Problems);
        var instrument = build.Instrument!;
        var engine = new Paging.SurveyEngine(instrument);
        var answers = engine.Settle(new Dictionary<string, string> { ["country"] = "se" });
        Assert.Equal("Other (Sweden)", Assert.Single(engine.View(0, LocalizedText.DefaultKey, answers).Questions.Single(q => q.Question.Name == "city").Choices).Label);
        var export = SurveyExport.Create(instrument, [new Responses.SurveyResponse("r1", null, new Dictionary<string, string> { ["country"] = "se", ["city"] = "other" }, [])]);
        Assert.Contains("RECODE city ('other'=1) INTO", export.Files["form.sps"], StringComparison.Ordinal); // one value per name
    }

    [Fact]
    public void A_workbook_s_only_sheet_is_the_survey_whatever_its_name()
    {
        var build = XlsFormFile.Load(new MemoryStream(XlsxBuilder.Package([("Sheet1", XlsxBuilder.Rows(["type", "name", "label"], ["text", "a", "A"]))])), "form.xlsx");
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        Assert.Equal(["a"], build.Instrument!.Questions.Select(q => q.Name));
        Assert.Equal("warning: Sheet1: the workbook's only sheet 'Sheet1' is read as the survey sheet", Assert.Single(build.Problems).ToString());
    }

    [Fact]
    public void Dates_in_a_1904_workbook_are_read_from_1904()
    {
        static byte[] Workbook(string workbookPr) => XlsxBuilder.Zip(
        [
            ("xl/workbook.xml", XlsxBuilder.Workbook("survey").Replace("<sheets>", workbookPr + "<sheets>", StringComparison.Ordinal)),
            ("xl/_rels/workbook.xml.rels", XlsxBuilder.Relations(1)),
            ("xl/worksheets/sheet1.xml", XlsxBuilder.Sheet("""<row r="1"><c r="A1" s="1"><v>43904</v></c></row>""")),
            ("xl/styles.xml", $"""<styleSheet xmlns="{XlsxBuilder.Main}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"""),
        ]);
        Assert.Equal("2020-03-14", XlsxReader.Read(new MemoryStream(Workbook(string.Empty))).Value!.Sheets[0].Rows[1][1]);
        Assert.Equal("2024-03-15", XlsxReader.Read(new MemoryStream(Workbook("""<workbookPr date1904="1"/>"""))).Value!.Sheets[0].Rows[1][1]);
        Assert.Equal("2024-03-15", XlsxReader.Read(new MemoryStream(Workbook("""<workbookPr date1904="true"/>"""))).Value!.Sheets[0].Rows[1][1]);
    }

    [Fact]
    public void A_legacy_xls_workbook_is_told_to_be_saved_as_xlsx()
    {
        byte[] ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
        var build = XlsFormFile.Load(new MemoryStream(ole2), "form.xls");
        Assert.Equal("error: form.xls: " + XlsxReader.LegacyXls, Assert.Single(build.Problems).ToString());
    }

    private static InstrumentBuild LoadWithExternal(string[][] survey, string[][] choices, string[][] external) =>
        XlsFormFile.Load(new MemoryStream(XlsxBuilder.Package([("survey", XlsxBuilder.Rows(survey)), ("choices", XlsxBuilder.Rows(choices)), ("external_choices", XlsxBuilder.Rows(external))])), "form.xlsx");

    /// <summary>
    /// select_one_external reads its list from the external_choices sheet (the same list name in the choices sheet is
    /// another list, as in pyxform's choice_name_as_type form) and filters it with choice_filter.
    /// </summary>
    [Fact]
    public void Select_one_external_is_a_select_of_the_external_choices_list_with_its_filter()
    {
        var build = LoadWithExternal(
            [["type", "name", "label", "choice_filter"], ["select_one zone", "zone", "Zone", string.Empty], ["select_one_external place", "place", "Place", "zone=${zone}"]],
            [["list_name", "name", "label"], ["zone", "north", "North"], ["zone", "south", "South"], ["place", "wrong", "Not this list"]],
            [["list_name", "name", "label", "zone"], ["place", "p1", "Place one", "north"], ["place", "p2", "Place two", "south"], ["place", "p3", "Place three", "north"]]);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        var place = build.Instrument!.Find("place")!;
        Assert.Equal((QuestionType.SelectOne, "p1 p2 p3"), (place.Type, string.Join(' ', place.Choices.Select(c => c.Name))));
        var engine = new Paging.SurveyEngine(build.Instrument);
        var answers = engine.Submit(engine.PageOf("zone")!.Value, LocalizedText.DefaultKey, engine.Start(), TestForms.Post(("zone", "north"))).Answers;
        var shown = engine.View(engine.PageOf("place")!.Value, LocalizedText.DefaultKey, answers).Questions.Single(q => q.Question.Name == "place");
        Assert.Equal(["p1", "p3"], shown.Choices.Select(c => c.Name));
        var page = engine.PageOf("place")!.Value;
        Assert.Equal(page, engine.PageOf("zone"));
        Assert.NotEmpty(engine.Submit(page, LocalizedText.DefaultKey, answers, TestForms.Post(("zone", "north"), ("place", "p2"))).Errors);
        Assert.Equal("p3", engine.Submit(page, LocalizedText.DefaultKey, answers, TestForms.Post(("zone", "north"), ("place", "p3"))).Answers["place"]);
    }

    [Fact]
    public void Select_one_external_without_its_list_in_external_choices_is_an_error()
    {
        var build = LoadWithExternal(
            [["type", "name", "label"], ["select_one_external zone", "where", "Where"]],
            [["list_name", "name", "label"], ["zone", "north", "North"]],
            [["list_name", "name", "label"], ["other", "x", "X"]]);
        Assert.False(build.IsSuccess);
        Assert.Contains(build.Problems, p => p.Fatal && p.Message == "the choice list 'zone' is not in the external_choices sheet");
    }

    /// <summary>pyxform takes row 1 as the headers whatever it holds: a table that starts lower down has no headers there.</summary>
    [Fact]
    public void Headers_are_row_1_even_when_the_table_starts_lower_down()
    {
        var build = Load([[], ["type", "name", "label"], ["text", "a", "A"]]);
        Assert.False(build.IsSuccess);
        Assert.Equal("error: survey row 1: row 1 holds no column headers: an XLSForm sheet's headers (type, name, label, …) are its first row, as pyxform reads them", Assert.Single(build.Problems, p => p.Fatal).ToString());
    }

    [Fact]
    public void Or_other_with_a_choice_filter_is_refused_as_pyxform_refuses_it()
    {
        var build = Load([["type", "name", "label", "choice_filter"], ["select_one yn or_other", "q", "Q", "name != 'no'"]], [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]]);
        Assert.Equal(
            "error: survey row 2, column D (choice_filter): or_other cannot be used with a choice_filter (as in pyxform): put an 'other' choice in the list with the columns the filter reads, and a text question relevant when it is chosen",
            Assert.Single(build.Problems, p => p.Fatal).ToString());
    }

    private static readonly string[][] TimeSurvey =
    [
        ["type", "name", "label", "calculation"],
        ["time", "woke", "When did you wake up?", string.Empty],
        ["dateTime", "last", "When did you last read this page?", string.Empty],
        ["calculate", "woke_fraction", string.Empty, "decimal-time(${woke})"],
        ["calculate", "last_day", string.Empty, "format-date-time(${last}, '%Y-%m-%d %H:%M')"],
    ];

    [Theory]
    [InlineData("09:30", "2024-03-15T14:05", "09:30:00", "2024-03-15T14:05:00")] // what a browser's time and datetime-local boxes post
    [InlineData("9:30:15", "2024-03-15 08:05:59", "09:30:15", "2024-03-15T08:05:59")] // typed by hand where there is no such box
    public void Time_and_date_time_are_answers_kept_without_a_time_zone(string time, string moment, string keptTime, string keptMoment)
    {
        var build = Load(TimeSurvey);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        Assert.Equal([QuestionType.Time, QuestionType.DateTime], build.Instrument!.Questions.Take(2).Select(q => q.Type));
        var engine = new Paging.SurveyEngine(build.Instrument);
        var result = engine.Submit(0, LocalizedText.DefaultKey, engine.Start(), TestForms.Post(("woke", time), ("last", moment)));
        Assert.Empty(result.Errors);
        Assert.Equal((keptTime, keptMoment), (result.Answers["woke"], result.Answers["last"]));
        Assert.Equal(keptMoment[..10] + " " + keptMoment[11..16], result.Answers["last_day"]);
        Assert.Equal(TimeOnly.ParseExact(keptTime, "HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture).ToTimeSpan().TotalDays, double.Parse(result.Answers["woke_fraction"], System.Globalization.CultureInfo.InvariantCulture), 12);
    }

    [Theory]
    [InlineData("woke", "24:00", "Please enter a time as HH:MM.")]
    [InlineData("woke", "12:60", "Please enter a time as HH:MM.")]
    [InlineData("woke", "noon", "Please enter a time as HH:MM.")]
    [InlineData("last", "2024-02-30T10:00", "Please enter a date and time as YYYY-MM-DD HH:MM.")]
    [InlineData("last", "2024-03-15", "Please enter a date and time as YYYY-MM-DD HH:MM.")]
    [InlineData("last", "2024-03-15T10:00+02:00", "Please enter a date and time as YYYY-MM-DD HH:MM.")]
    public void A_time_or_date_time_that_is_not_one_is_refused_with_its_message(string question, string value, string message)
    {
        var engine = new Paging.SurveyEngine(Load(TimeSurvey).Instrument!);
        var error = Assert.Single(engine.Submit(0, LocalizedText.DefaultKey, engine.Start(), TestForms.Post((question, value))).Errors);
        Assert.Equal((question, message), (error.Question, error.Message));
    }

    /// <summary>pyxform's default_time_demo: a time-formatted cell (9:30) is read as openpyxl reads it for pyxform.</summary>
    [Fact]
    public void A_time_formatted_cell_is_read_as_a_time_of_day()
    {
        var build = XlsFormFile.Load(Waymark.Testing.TestEnvironment.Fixture("xlsform", "converted", "example_xls", "default_time_demo.xlsx"));
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        var start = build.Instrument!.Find("start_time")!;
        Assert.Equal((QuestionType.Time, "09:30:00"), (start.Type, start.Default));
    }
}
