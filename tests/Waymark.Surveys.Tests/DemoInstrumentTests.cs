using System.IO.Compression;
using Waymark.Surveys.Paging;
using Waymark.Surveys.XlsForm;
using Waymark.Testing;
using static Waymark.Surveys.Tests.TestForms;

namespace Waymark.Surveys.Tests;

/// <summary>The two demo instruments shipped in content/surveys, and that they are built from their text sources.</summary>
public sealed class DemoInstrumentTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("DemoInstrumentTests");

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Demos => new() { "help-us-help-you", "no-need-for-help" };

    private static string Content(string file) => Path.Combine(TestEnvironment.RepositoryRoot, "content", "surveys", file);

    private static Instrument Load(string name)
    {
        var build = XlsFormFile.Load(Content(name + ".xlsx"));
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        Assert.Empty(build.Problems);
        return build.Instrument!;
    }

    [Theory]
    [MemberData(nameof(Demos))]
    public void Shipped_xlsx_is_what_the_text_source_generates(string name)
    {
        var generated = Path.Combine(_temp.NewFolder("xlsform-gen"), name + ".xlsx");
        ExternalProgram.Run("python3", [Path.Combine(TestEnvironment.RepositoryRoot, "tools", "xlsform_from_text.py"), Content(name + ".xlsform.txt"), generated])
            .AssertSuccess();

        // Compare the unpacked parts, not the zip bytes: another zlib may compress the same XML differently.
        Assert.Equal(Parts(generated), Parts(Content(name + ".xlsx")));
    }

    private static List<(string Name, string Text)> Parts(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            return (e.FullName, reader.ReadToEnd());
        }).ToList();
    }

    [Theory]
    [MemberData(nameof(Demos))]
    public void Demo_is_paged_multilingual_machine_drafted_skippable_and_ends_with_help_links(string name)
    {
        var instrument = Load(name);
        Assert.Equal(name, instrument.Settings.FormId);
        Assert.True(instrument.Settings.StylePages);
        // The site's 24 languages (the public pages' codes), English first as the source.
        string[] site = ["en", "ar", "bs", "de", "el", "es", "fa", "fi", "fr", "hi", "hr", "it", "ja", "ne", "nl", "pl", "pt", "ru", "sr", "sv", "ta", "uk", "zh-hans", "zh-hant"];
        Assert.Equal("en", instrument.Languages[0].Key);
        Assert.Equal(site.Order(StringComparer.Ordinal), instrument.Languages.Select(l => l.Key).Order(StringComparer.Ordinal));
        // Its title too (form_title::Language (code)): a translated page under an English heading was the old state.
        Assert.All(site.Skip(1), code => Assert.NotEqual(instrument.Settings.TitleIn("en"), instrument.Settings.TitleIn(code)));
        Assert.Equal(site.Skip(1).Order(StringComparer.Ordinal), instrument.Settings.Translations.Where(t => t.Value == TranslationStatus.MachineDraft).Select(t => t.Key).Order(StringComparer.Ordinal));
        Assert.False(instrument.Settings.IsMachineDraft("en"));
        Assert.Contains(instrument.Questions, q => q.Constraint is not null);
        Assert.Contains(instrument.Questions, q => q.Relevant is not null && !q.Name.EndsWith("_other", StringComparison.Ordinal));
        Assert.All(instrument.Questions, q => Assert.Null(q.Required)); // every item may be skipped
        Assert.True(instrument.Groups.Count >= 2);
        foreach (var q in instrument.Questions.Where(q => !q.Name.EndsWith("_other", StringComparison.Ordinal)))
        {
            Assert.All(instrument.Languages, l => Assert.False(string.IsNullOrWhiteSpace(q.Labels.ByLanguage.GetValueOrDefault(l.Key)), $"{q.Name} has no {l.Key} label"));
            Assert.All(q.Choices, c => Assert.All(instrument.Languages, l => Assert.True(c.Labels.ByLanguage.ContainsKey(l.Key), $"{q.Name}/{c.Name} has no {l.Key} label")));
        }

        var engine = new SurveyEngine(instrument);
        var last = engine.Pages[^1];
        var note = Assert.Single(last.Questions);
        Assert.Equal(QuestionType.Note, note.Type);
        Assert.All(instrument.Languages, l => Assert.Contains("https://", note.Labels.For(l.Key), StringComparison.Ordinal));

        // Skipping every question reaches the end: nothing is required, nothing blocks.
        var answers = engine.Start();
        var pages = 0;
        for (var page = engine.FirstPage(answers); page is { } p; page = engine.NextPage(p, answers))
        {
            var result = engine.Submit(p, "en", answers, Post());
            Assert.True(result.IsAccepted, string.Join("; ", result.Errors.Select(e => e.Message)));
            answers = result.Answers;
            pages++;
        }

        Assert.True(pages >= 4);
        Assert.Empty(engine.ValidateAll(answers, "en"));
    }

    /// <summary>The items of the published ReDirection survey that docs/surveys.md compares with the published figures.</summary>
    [Fact]
    public void Help_us_help_you_asks_the_published_items_with_their_scales()
    {
        var instrument = Load("help-us-help-you");
        var asked = instrument.Questions.Where(q => q.Type != QuestionType.Note && !q.Name.EndsWith("_other", StringComparison.Ordinal)).Select(q => q.Name).ToList();
        Assert.True(asked.Count >= 26, $"{asked.Count} questions");
        Assert.Subset(
            asked.ToHashSet(),
            new HashSet<string>
            {
                "age", "gender", "age_first", "first_how", "frequency", "duration", "use_increased", "children_age", "children_gender",
                "feel_depressed", "feel_anxious", "feel_selfharm", "feel_guilt", "feel_shame", "afraid_acts", "sought_contact_children",
                "contact_users", "influenced", "wish_stop", "tried_stop", "daily_life", "help_sought", "help_where", "help_received",
                "help_barriers", "help_wanted", "would_use", "comments",
            });

        // Question 26 of the source report, word for word, with its frequency scale and the refusal option.
        var contact = instrument.Find("contact_users")!;
        Assert.Equal("Have you been in contact with other CSAM/illegal violent material users?", contact.Labels.For("en"));
        Assert.Equal(["Often", "Sometimes", "Never", "I do not want to be in contact"], contact.Choices.Select(c => c.Labels.For("en")));
        Assert.Equal(["Yes, strongly", "Yes, somewhat", "No"], instrument.Find("influenced")!.Choices.Select(c => c.Labels.For("en")));
        Assert.Equal(["accident", "searched", "shown", "not_remember"], instrument.Find("first_how")!.Choices.Select(c => c.Name));
        Assert.Equal(["often", "sometimes", "rarely", "never"], instrument.Find("feel_shame")!.Choices.Select(c => c.Name));
    }

    [Theory]
    [InlineData("en", "Please enter an age between 10 and 99.")]
    [InlineData("ar", "يرجى إدخال عمر بين 10 و99.")]
    public void Help_us_help_you_walks_an_adult_through_with_constraints_relevance_and_help_notes(string language, string ageMessage)
    {
        var engine = new SurveyEngine(Load("help-us-help-you"));
        var answers = engine.Start();
        var page = engine.FirstPage(answers)!.Value;
        Assert.Equal("intro", Assert.Single(engine.View(page, language, answers).Questions).Question.Name);
        page = engine.NextPage(page, answers)!.Value;

        Assert.Equal(["age", "gender"], engine.View(page, language, answers).Questions.Select(q => q.Question.Name));
        var tooOld = engine.Submit(page, language, answers, Post(("age", "150")));
        Assert.Equal(ageMessage, Assert.Single(tooOld.Errors).Message);
        answers = engine.Submit(page, language, answers, Post(("age", "30"), ("gender", "man"))).Answers;

        page = engine.NextPage(page, answers)!.Value;
        Assert.Equal(engine.PageOf("age_first"), page); // the youth page is skipped for an adult
        var firstAfterNow = engine.Submit(page, language, answers, Post(("age_first", "40")));
        Assert.Equal(FieldErrorKind.Constraint, Assert.Single(firstAfterNow.Errors).Kind);
        answers = engine.Submit(page, language, answers, Post(("age_first", "14"), ("first_how", "accident"))).Answers;

        page = engine.NextPage(page, answers)!.Value;
        Assert.Equal(["frequency", "duration", "use_increased", "children_age", "children_gender"], engine.View(page, language, answers).Questions.Select(q => q.Question.Name));
        answers = engine.Submit(page, language, answers, Post(("frequency", "stopped"))).Answers;
        Assert.DoesNotContain(engine.View(page, language, answers).Questions, q => q.Question.Name == "duration");

        page = engine.NextPage(page, answers)!.Value;
        answers = engine.Submit(page, language, answers, Post(("feel_selfharm", "sometimes"), ("feel_shame", "often"))).Answers;
        page = engine.NextPage(page, answers)!.Value;
        var worries = engine.View(page, language, answers).Questions;
        Assert.Equal("selfharm_help", worries[0].Question.Name); // the crisis line comes first after thoughts of self-harm
        Assert.Contains("https://findahelpline.com", worries[0].Label, StringComparison.Ordinal);
        answers = engine.Submit(page, language, answers, Post(("sought_contact_children", "yes"))).Answers;

        page = engine.NextPage(page, answers)!.Value;
        Assert.Equal(["contact_users", "influenced"], engine.View(page, language, answers).Questions.Select(q => q.Question.Name));
        answers = engine.Submit(page, language, answers, Post(("contact_users", "not_want"), ("influenced", "not_at_all"))).Answers;

        page = engine.NextPage(page, answers)!.Value;
        answers = engine.Submit(page, language, answers, Post(("wish_stop", "yes"), ("tried_stop", "yes"))).Answers;

        page = engine.NextPage(page, answers)!.Value;
        var help = engine.View(page, language, answers).Questions.Select(q => q.Question.Name).ToList();
        Assert.Equal("contact_help", help[0]); // after seeking contact with a child: stop and talk to someone now
        Assert.DoesNotContain("help_where", help);
        Assert.DoesNotContain("help_received", help);
        var both = engine.Submit(page, language, answers, Post(("help_sought", "yes"), ("help_wanted", "self_help"), ("help_wanted", "none")));
        Assert.Equal(FieldErrorKind.Constraint, Assert.Single(both.Errors).Kind);
        var sought = engine.Submit(page, language, answers, Post(("help_sought", "yes"), ("help_wanted", "self_help"), ("help_barriers", "fear_identified"), ("help_barriers", "language")));
        Assert.Equal(["help_received", "help_where"], sought.Revealed.Order(StringComparer.Ordinal));
        answers = engine.Submit(page, language, sought.Answers, Post(("help_sought", "yes"), ("help_where", "selfhelp_tor"), ("help_received", "no"), ("help_wanted", "self_help"), ("help_barriers", "fear_identified"), ("help_barriers", "language"))).Answers;

        page = engine.NextPage(page, answers)!.Value;
        Assert.Equal("help_links", Assert.Single(engine.View(page, language, answers).Questions).Question.Name);
        Assert.Null(engine.NextPage(page, answers));
        Assert.Empty(engine.ValidateAll(answers, language));
        Assert.Equal("stopped", answers["frequency"]);
        Assert.Equal("not_want", answers["contact_users"]);
        Assert.Equal("fear_identified language", answers["help_barriers"]);
        Assert.Equal("selfhelp_tor", answers["help_where"]);
    }

    /// <summary>A respondent under 18 meets a message and help routes for young people, and none of the adult questions.</summary>
    [Theory]
    [InlineData("help-us-help-you")]
    [InlineData("no-need-for-help")]
    public void A_respondent_under_18_gets_the_youth_page_and_no_adult_questions(string name)
    {
        var instrument = Load(name);
        var engine = new SurveyEngine(instrument);
        var answers = engine.Start();
        var page = engine.NextPage(engine.FirstPage(answers)!.Value, answers)!.Value;
        answers = engine.Submit(page, "en", answers, Post(("age", "15"))).Answers;

        page = engine.NextPage(page, answers)!.Value;
        var youth = Assert.Single(engine.View(page, "en", answers).Questions);
        Assert.Equal("youth", youth.Question.Name);
        Assert.Contains("This survey is for adults", youth.Label, StringComparison.Ordinal);
        foreach (var language in instrument.Languages)
        {
            var text = engine.View(page, language.Key, answers).Questions[0].Label;
            Assert.Contains("https://childhelplineinternational.org", text, StringComparison.Ordinal);
            Assert.Contains("https://shorespace.org.uk", text, StringComparison.Ordinal);
        }

        Assert.Null(engine.NextPage(page, answers)); // the survey ends here: no adult page, not even the adult help links
        Assert.Equal(3, engine.RelevantPages(answers).Count);

        var adult = engine.Submit(engine.PageOf("age")!.Value, "en", answers, Post(("age", "18"))).Answers;
        Assert.False(engine.IsPageRelevant(page, adult));
        Assert.True(engine.RelevantPages(adult).Count > 4);
    }

    [Fact]
    public void No_need_for_help_reveals_the_follow_up_and_translates_other()
    {
        var engine = new SurveyEngine(Load("no-need-for-help"));
        var page = engine.PageOf("why")!.Value;
        var result = engine.Submit(page, "ar", engine.Start(), Post(("why", "can_stop"), ("why", "other")));
        Assert.Equal(["tried_alone", "why_other"], result.Revealed.Order(StringComparer.Ordinal));
        var view = engine.View(page, "ar", result.Answers);
        Assert.Equal("أخرى", view.Questions.Single(q => q.Question.Name == "why").Choices[^1].Label);
        Assert.Equal("حدّد أخرى.", view.Questions.Single(q => q.Question.Name == "why_other").Label);
        Assert.Contains(view.Questions, q => q.Question.Name == "why_text"); // the published survey asked in the respondent's own words too
    }
}
