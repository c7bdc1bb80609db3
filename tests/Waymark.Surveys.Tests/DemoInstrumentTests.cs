using System.Diagnostics;
using System.IO.Compression;
using Waymark.Surveys.Paging;
using Waymark.Surveys.XlsForm;
using Waymark.Testing;
using static Waymark.Surveys.Tests.TestForms;

namespace Waymark.Surveys.Tests;

/// <summary>The two demo instruments shipped in content/surveys, and that they are built from their text sources.</summary>
public sealed class DemoInstrumentTests
{
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
        var generated = Path.Combine(TestEnvironment.NewTempDirectory("xlsform-gen"), name + ".xlsx");
        var start = new ProcessStartInfo("python3") { RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(TestEnvironment.RepositoryRoot, "tools", "xlsform_from_text.py"));
        start.ArgumentList.Add(Content(name + ".xlsform.txt"));
        start.ArgumentList.Add(generated);
        using (var process = Process.Start(start)!)
        {
            var error = process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(30_000));
            Assert.True(process.ExitCode == 0, error);
        }

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
    public void Demo_is_paged_multilingual_with_rules_and_ends_with_help_links(string name)
    {
        var instrument = Load(name);
        Assert.Equal(name, instrument.Settings.FormId);
        Assert.True(instrument.Settings.StylePages);
        Assert.Equal(["en", "ar", "de", "es", "fr", "ru"], instrument.Languages.Select(l => l.Key));
        Assert.Contains(instrument.Questions, q => q.Constraint is not null);
        Assert.Contains(instrument.Questions, q => q.Relevant is not null && !q.Name.EndsWith("_other", StringComparison.Ordinal));
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
    }

    [Fact]
    public void Help_us_help_you_asks_the_issue_topics()
    {
        var names = Load("help-us-help-you").Questions.Select(q => q.Name).ToList();
        Assert.Subset(
            names.ToHashSet(),
            new HashSet<string> { "age", "age_first", "frequency", "duration", "contact_users", "sought_contact_children", "wish_stop", "help_sought", "help_received", "help_wanted" });
    }

    [Theory]
    [InlineData("en", "Please enter an age between 10 and 99.")]
    [InlineData("ar", "يرجى إدخال عمر بين 10 و99.")]
    public void Help_us_help_you_walks_through_with_a_constraint_error_and_relevance(string language, string ageMessage)
    {
        var engine = new SurveyEngine(Load("help-us-help-you"));
        var answers = engine.Start();
        var page = engine.FirstPage(answers)!.Value;
        Assert.Equal("intro", Assert.Single(engine.View(page, language, answers).Questions).Question.Name);
        page = engine.NextPage(page, answers)!.Value;

        var tooOld = engine.Submit(page, language, answers, Post(("age", "150")));
        Assert.Equal(ageMessage, Assert.Single(tooOld.Errors).Message);
        var firstAfterNow = engine.Submit(page, language, answers, Post(("age", "30"), ("age_first", "40")));
        Assert.Equal(FieldErrorKind.Constraint, Assert.Single(firstAfterNow.Errors).Kind);
        var about = engine.Submit(page, language, answers, Post(("age", "30"), ("age_first", "14")));
        Assert.True(about.IsAccepted);
        answers = about.Answers;

        page = engine.NextPage(page, answers)!.Value;
        var viewing = engine.View(page, language, answers);
        Assert.Equal(["frequency", "duration"], viewing.Questions.Select(q => q.Question.Name));
        answers = engine.Submit(page, language, answers, Post(("frequency", "stopped"))).Answers;
        Assert.DoesNotContain(engine.View(page, language, answers).Questions, q => q.Question.Name == "duration");

        var pages = 0;
        for (var next = engine.NextPage(page, answers); next is { } p; next = engine.NextPage(p, answers))
        {
            var posted = p == engine.PageOf("help_sought") ? Post(("help_sought", "no"), ("help_wanted", "self_help"), ("help_wanted", "none")) : Post();
            var result = engine.Submit(p, language, answers, posted);
            if (p == engine.PageOf("help_sought"))
            {
                Assert.Equal(FieldErrorKind.Constraint, Assert.Single(result.Errors).Kind);
                result = engine.Submit(p, language, answers, Post(("help_sought", "no"), ("help_wanted", "self_help")));
                Assert.DoesNotContain(engine.View(p, language, result.Answers).Questions, q => q.Question.Name == "help_received");
            }

            Assert.True(result.IsAccepted);
            answers = result.Answers;
            pages++;
        }

        Assert.Equal(4, pages);
        Assert.Empty(engine.ValidateAll(answers, language));
        Assert.Equal("self_help", answers["help_wanted"]);
        Assert.Equal("stopped", answers["frequency"]);
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
    }
}
