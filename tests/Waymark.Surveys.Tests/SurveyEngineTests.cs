using Waymark.Surveys.Paging;
using static Waymark.Surveys.Tests.TestForms;

namespace Waymark.Surveys.Tests;

public sealed class SurveyEngineTests
{
    private static readonly Group[] PageGroups =
    [
        new("about", Localized("About you", "عنك"), null, null, ["about"]),
        new("habits", Localized("Habits"), "${age} >= 18", null, ["habits"]),
    ];

    private static Instrument Paged() => Build(
        [
            new Question { Name = "age", Type = QuestionType.IntegerNumber, Labels = Localized("Age", "العمر"), Required = "true()", Constraint = ". >= 10 and . <= 99", ConstraintMessages = Localized("Between 10 and 99", "بين 10 و 99"), GroupPath = ["about"] },
            new Question { Name = "lang", Type = QuestionType.SelectOne, Labels = Localized("Language"), ListName = "langs", Choices = Choices("fi", "sv", "other"), OrOther = true, GroupPath = ["about"] },
            new Question { Name = "lang_other", Type = QuestionType.Text, Labels = Localized("Specify other."), Relevant = "selected(${lang}, 'other')", GroupPath = ["about"] },
            new Question { Name = "adult", Type = QuestionType.Calculate, Calculation = "if(${age} >= 18, 'yes', 'no')" },
            new Question { Name = "hours", Type = QuestionType.DecimalNumber, Labels = Localized("Hours"), GroupPath = ["habits"] },
            new Question { Name = "when", Type = QuestionType.Date, Labels = Localized("When"), GroupPath = ["habits"] },
            new Question { Name = "tools", Type = QuestionType.SelectMultiple, Labels = Localized("Tools"), ListName = "tools", Choices = Choices("a", "b", "c"), GroupPath = ["habits"], Constraint = "not(selected(., 'a') and selected(., 'c'))" },
            new Question { Name = "end", Type = QuestionType.Note, Labels = Localized("Thank you") },
        ],
        PageGroups,
        style: "pages");

    [Fact]
    public void Style_pages_puts_each_group_and_each_ungrouped_question_on_its_own_page()
    {
        var engine = new SurveyEngine(Paged());
        Assert.Equal(3, engine.Pages.Count);
        Assert.Equal(["age", "lang", "lang_other"], engine.Pages[0].Questions.Select(q => q.Name));
        Assert.Equal("habits", engine.Pages[1].Group);
        Assert.Equal(["end"], engine.Pages[2].Questions.Select(q => q.Name));
        Assert.Null(engine.PageOf("adult"));
    }

    [Fact]
    public void Without_style_pages_ungrouped_questions_come_five_to_a_page()
    {
        var questions = Enumerable.Range(1, 12).Select(i => new Question { Name = "q" + i, Type = QuestionType.Text, Labels = Localized("Q" + i) }).ToList();
        var engine = new SurveyEngine(Build(questions));
        Assert.Equal([5, 5, 2], engine.Pages.Select(p => p.Questions.Count));
    }

    [Fact]
    public void Relevance_hides_a_group_page_and_page_numbers_follow()
    {
        var engine = new SurveyEngine(Paged());
        var young = engine.Settle(new Dictionary<string, string> { ["age"] = "15" });
        Assert.Equal([0, 2], engine.RelevantPages(young));
        Assert.Equal(2, engine.NextPage(0, young));
        Assert.Equal(0, engine.PreviousPage(2, young));
        var view = engine.View(2, "en", young);
        Assert.Equal((2, 2), (view.Number, view.Count));
        var adult = engine.Settle(new Dictionary<string, string> { ["age"] = "30" });
        Assert.Equal(1, engine.NextPage(0, adult));
        Assert.Equal((2, 3), (engine.View(1, "en", adult).Number, engine.View(1, "en", adult).Count));
    }

    [Fact]
    public void Calculations_follow_answers()
    {
        var engine = new SurveyEngine(Paged());
        Assert.Equal("no", engine.Settle(new Dictionary<string, string> { ["age"] = "15" })["adult"]);
        Assert.Equal("yes", engine.Settle(new Dictionary<string, string> { ["age"] = "18" })["adult"]);
    }

    [Fact]
    public void Required_constraint_and_type_errors_come_in_the_respondents_language()
    {
        var engine = new SurveyEngine(Paged());
        var empty = engine.Start();
        var missing = engine.Submit(0, "ar", empty, Post());
        Assert.False(missing.IsAccepted);
        var required = Assert.Single(missing.Errors);
        Assert.Equal(("age", FieldErrorKind.Required, "هذا السؤال يحتاج إلى إجابة."), (required.Question, required.Kind, required.Message));

        var outOfRange = engine.Submit(0, "ar", empty, Post(("age", "120")));
        Assert.Equal(("age", FieldErrorKind.Constraint, "بين 10 و 99"), (outOfRange.Errors[0].Question, outOfRange.Errors[0].Kind, outOfRange.Errors[0].Message));

        var notNumber = engine.Submit(0, "de", empty, Post(("age", "zwölf")));
        Assert.Equal(FieldErrorKind.NotInteger, notNumber.Errors[0].Kind);
        Assert.Equal("Bitte geben Sie eine ganze Zahl ein.", notNumber.Errors[0].Message);
        Assert.Equal("zwölf", notNumber.Rejected["age"]);
        Assert.False(notNumber.Answers.ContainsKey("age"));

        var unknownChoice = engine.Submit(0, "en", empty, Post(("age", "20"), ("lang", "xx")));
        Assert.Equal(FieldErrorKind.UnknownChoice, Assert.Single(unknownChoice.Errors).Kind);

        var ok = engine.Submit(0, "fr", empty, Post(("age", " 20 "), ("lang", "fi")));
        Assert.True(ok.IsAccepted);
        Assert.Equal("20", ok.Answers["age"]);
    }

    [Theory]
    [InlineData("hours", "1.5", null)]
    [InlineData("hours", "-.5", null)]
    [InlineData("hours", "1,5", FieldErrorKind.NotDecimal)]
    [InlineData("hours", "1e3", FieldErrorKind.NotDecimal)]
    [InlineData("when", "2026-02-28", null)]
    [InlineData("when", "2026-02-30", FieldErrorKind.NotDate)]
    [InlineData("when", "28.02.2026", FieldErrorKind.NotDate)]
    public void Types_are_parsed(string question, string value, FieldErrorKind? expected)
    {
        var engine = new SurveyEngine(Paged());
        var answers = engine.Settle(new Dictionary<string, string> { ["age"] = "30" });
        var result = engine.Submit(1, "en", answers, Post((question, value)));
        Assert.Equal(expected, result.Errors.SingleOrDefault()?.Kind);
        if (expected is null)
        {
            Assert.Equal(value, result.Answers[question]);
        }
    }

    [Fact]
    public void Select_multiple_is_stored_in_choice_order_and_constraint_sees_the_list()
    {
        var engine = new SurveyEngine(Paged());
        var answers = engine.Settle(new Dictionary<string, string> { ["age"] = "30" });
        var ok = engine.Submit(1, "en", answers, Post(("tools", "c"), ("tools", "b"), ("tools", "c")));
        Assert.True(ok.IsAccepted);
        Assert.Equal("b c", ok.Answers["tools"]);
        var both = engine.Submit(1, "en", answers, Post(("tools", "a"), ("tools", "c")));
        Assert.Equal(FieldErrorKind.Constraint, Assert.Single(both.Errors).Kind);
        Assert.Equal("This answer is not accepted.", both.Errors[0].Message);
    }

    [Fact]
    public void Or_other_reveals_the_specify_question_on_the_same_page()
    {
        var engine = new SurveyEngine(Paged());
        var result = engine.Submit(0, "en", engine.Start(), Post(("age", "20"), ("lang", "other")));
        Assert.Empty(result.Errors);
        Assert.Equal(["lang_other"], result.Revealed);
        Assert.False(result.IsAccepted);
        var view = engine.View(0, "en", result.Answers);
        Assert.Contains(view.Questions, q => q.Question.Name == "lang_other");
        var second = engine.Submit(0, "en", result.Answers, Post(("age", "20"), ("lang", "other"), ("lang_other", "quenmix")));
        Assert.True(second.IsAccepted);
        Assert.Equal("quenmix", second.Answers["lang_other"]);
    }

    [Fact]
    public void Answers_to_questions_made_irrelevant_are_dropped()
    {
        var engine = new SurveyEngine(Paged());
        var answers = engine.Settle(new Dictionary<string, string> { ["age"] = "30", ["lang"] = "other", ["lang_other"] = "zorblat", ["hours"] = "2", ["tools"] = "a" });
        Assert.Equal("2", answers["hours"]);
        var back = engine.Submit(0, "en", answers, Post(("age", "16"), ("lang", "fi")));
        Assert.True(back.IsAccepted);
        Assert.False(back.Answers.ContainsKey("hours"));
        Assert.False(back.Answers.ContainsKey("tools"));
        Assert.False(back.Answers.ContainsKey("lang_other"));
        Assert.Equal("no", back.Answers["adult"]);
    }

    [Fact]
    public void Labels_fall_back_to_the_default_language()
    {
        var engine = new SurveyEngine(Paged());
        var view = engine.View(0, "ar", engine.Start());
        Assert.Equal("العمر", view.Questions[0].Label);
        Assert.Equal("Language", view.Questions[1].Label);
        Assert.Equal("عنك", view.GroupLabel);
        Assert.Equal(["عنك"], view.Questions[0].GroupLabels);
        Assert.True(view.Questions[0].Required);
        Assert.Equal(["fi", "sv", "other"], view.Questions[1].Choices.Select(c => c.Name));

        // Each text says which language it fell back to (null where it is in the language asked for), so the page can mark it.
        Assert.Null(view.Questions[0].LabelLanguage);
        Assert.Equal("en", view.Questions[1].LabelLanguage);
        Assert.Null(view.GroupLabelLanguage);
        Assert.Contains("en", view.FallbackLanguages);
        Assert.Empty(engine.View(0, "en", engine.Start()).FallbackLanguages);
    }

    [Fact]
    public void Defaults_fill_a_new_response_and_choice_filter_narrows_choices()
    {
        var cities = new[]
        {
            new Choice("helsinki", Localized("Helsinki"), new Dictionary<string, string> { ["country"] = "fi" }),
            new Choice("turku", Localized("Turku"), new Dictionary<string, string> { ["country"] = "fi" }),
            new Choice("oslo", Localized("Oslo"), new Dictionary<string, string> { ["country"] = "no" }),
        };
        var engine = new SurveyEngine(Build(
        [
            new Question { Name = "country", Type = QuestionType.SelectOne, Labels = Localized("Country"), ListName = "c", Choices = Choices("fi", "no"), Default = "fi" },
            new Question { Name = "city", Type = QuestionType.SelectOne, Labels = Localized("City"), ListName = "cities", Choices = cities, ChoiceFilter = "country = ${country}" },
        ]));
        var start = engine.Start();
        Assert.Equal("fi", start["country"]);
        var view = engine.View(0, "en", start);
        Assert.Equal("fi", view.Questions[0].Value);
        Assert.True(view.Questions[0].Choices[0].Selected);
        Assert.Equal(["helsinki", "turku"], view.Questions[1].Choices.Select(c => c.Name));
        var filtered = engine.Submit(0, "en", start, Post(("country", "fi"), ("city", "oslo")));
        Assert.Equal(FieldErrorKind.UnknownChoice, Assert.Single(filtered.Errors).Kind);
    }

    [Fact]
    public void Cross_question_constraint_on_the_same_page_sees_both_answers()
    {
        var engine = new SurveyEngine(Build(
        [
            new Question { Name = "first", Type = QuestionType.IntegerNumber, Labels = Localized("Age first") },
            new Question { Name = "now", Type = QuestionType.IntegerNumber, Labels = Localized("Age now"), Constraint = ". >= ${first}", ConstraintMessages = Localized("Cannot be below the first age") },
        ]));
        Assert.True(engine.Submit(0, "en", engine.Start(), Post(("first", "12"), ("now", "30"))).IsAccepted);
        var bad = engine.Submit(0, "en", engine.Start(), Post(("first", "40"), ("now", "30")));
        Assert.Equal("Cannot be below the first age", Assert.Single(bad.Errors).Message);
    }

    [Fact]
    public void Read_only_and_notes_ignore_posted_values_and_validate_all_finds_skipped_required()
    {
        var engine = new SurveyEngine(Build(
        [
            new Question { Name = "fixed", Type = QuestionType.Text, Labels = Localized("Fixed"), ReadOnly = true, Default = "kept" },
            new Question { Name = "must", Type = QuestionType.Text, Labels = Localized("Must"), Required = "true()", RequiredMessages = Localized("Please answer") },
        ]));
        var start = engine.Start();
        var result = engine.Submit(0, "en", start, Post(("fixed", "changed"), ("must", "x")));
        Assert.Equal("kept", result.Answers["fixed"]);
        var all = engine.ValidateAll(start, "en");
        Assert.Equal(("must", "Please answer"), (Assert.Single(all).Question, all[0].Message));
    }

    [Fact]
    public void Acknowledge_and_text_limits()
    {
        var engine = new SurveyEngine(Build(
        [
            new Question { Name = "ok", Type = QuestionType.Acknowledge, Labels = Localized("I understand"), Required = "true()" },
            new Question { Name = "free", Type = QuestionType.Text, Labels = Localized("Anything else") },
        ]));
        var result = engine.Submit(0, "en", engine.Start(), Post(("ok", "on"), ("free", "line1\r\nline2")));
        Assert.Equal("OK", result.Answers["ok"]);
        Assert.Equal("line1\nline2", result.Answers["free"]);
        var tooLong = engine.Submit(0, "en", engine.Start(), Post(("ok", "on"), ("free", new string('x', 10_001))));
        Assert.Equal(FieldErrorKind.TooLong, Assert.Single(tooLong.Errors).Kind);
    }

    [Fact]
    public void Instrument_create_reports_problems_with_rows()
    {
        var build = Instrument.Create(
            new InstrumentSettings { FormId = "bad" },
            [],
            [
                new Question { Name = "a", Type = QuestionType.Text, Row = 2, Relevant = "${missing} = 1" },
                new Question { Name = "a", Type = QuestionType.Text, Row = 3 },
                new Question { Name = "c1", Type = QuestionType.Calculate, Row = 4, Calculation = "${c2} + 1" },
                new Question { Name = "c2", Type = QuestionType.Calculate, Row = 5, Calculation = "${c1} + 1" },
                new Question { Name = "s", Type = QuestionType.SelectOne, Row = 6, ListName = "none" },
                new Question { Name = "x", Type = QuestionType.Text, Row = 7, Constraint = ". >" },
            ]);
        Assert.False(build.IsSuccess);
        var text = string.Join("\n", build.Problems);
        Assert.Contains("survey row 2, column relevant: '${missing} = 1' refers to ${missing}", text, StringComparison.Ordinal);
        Assert.Contains("survey row 3, column name: the name 'a' is used twice", text, StringComparison.Ordinal);
        Assert.Contains("depends on itself", text, StringComparison.Ordinal);
        Assert.Contains("survey row 6, column type: the choice list 'none'", text, StringComparison.Ordinal);
        Assert.Contains("survey row 7, column constraint: '. >' does not parse at character 4", text, StringComparison.Ordinal);
    }
}
