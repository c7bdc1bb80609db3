using System.Globalization;
using System.Net;
using Waymark.Accounts;
using Waymark.Responses;
using Waymark.Testing;
using Waymark.Web.Tests.Surveys;

namespace Waymark.Web.Tests.Console;

/// <summary>
/// A published form with a repeat, answered over HTTP with one, two and three instances: the analyses page counts a
/// repeat's questions over every instance (a row each, as the repeat's long table in the exports) and says so, a question
/// outside the repeat pairs with each instance, and the quality flags read each instance's answers (a straight-lined grid,
/// a failed attention check and gibberish inside one instance each flag their response once).
/// </summary>
public sealed class RepeatAnalysisConsoleTests(StaffFixture staff) : IClassFixture<StaffFixture>, IDisposable
{
    private const string Form = "repeat-analysis";
    private readonly HttpClient _public = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = staff.Server.PublicUrl };

    public void Dispose() => _public.Dispose();

    private static byte[] RepeatForm() => InstrumentFiles.Xlsx(
    [
        ("survey", [
            ["type", "name", "label", "parameters"],
            ["begin group", "home", "Your home", ""],
            ["select_one yn", "smokes", "Does anyone smoke at home?", ""],
            ["end group", "", "", ""],
            ["begin repeat", "person", "Person", ""],
            ["integer", "age", "Age", ""],
            ["select_one freq", "f1", "Calm", ""],
            ["select_one freq", "f2", "Hopeful", ""],
            ["select_one freq", "f3", "Supported", ""],
            ["select_one colour", "check", "To show you are reading, choose blue.", "attention_check=blue"],
            ["select_one yn", "works", "Does this person work?", ""],
            ["text", "note", "Anything about this person?", ""],
            ["end repeat", "", "", ""],
        ]),
        ("choices", [
            ["list_name", "name", "label"],
            ["yn", "yes", "Yes"], ["yn", "no", "No"],
            ["freq", "often", "Often"], ["freq", "sometimes", "Sometimes"], ["freq", "never", "Never"],
            ["colour", "blue", "Blue"], ["colour", "red", "Red"],
        ]),
        ("settings", [["form_id", "form_title", "version", "default_language", "style"], [Form, "Repeat analysis", "1", "en", "pages"]]),
    ]);

    /// <summary>One person: age, the grid's three answers, the attention check, works, a note.</summary>
    private sealed record Person(string Age, string F1, string F2, string F3, string Check, string Works, string Note);

    private static readonly (string Smokes, Person[] People)[] Plan =
    [
        ("yes", [new("40", "often", "often", "often", "blue", "yes", "Likes the garden."), new("9", "often", "never", "sometimes", "blue", "no", "")]),
        ("no", [new("30", "never", "sometimes", "often", "blue", "yes", "qwertyuiop")]),
        ("yes", [new("70", "sometimes", "often", "never", "blue", "no", ""), new("35", "often", "sometimes", "never", "red", "yes", ""), new("12", "never", "often", "sometimes", "blue", "no", "")]),
    ];

    private static IEnumerable<(string, string)> Fields(Person[] people) => people.SelectMany((p, i) =>
    {
        string Key(string name) => $"{name}[{(i + 1).ToString(CultureInfo.InvariantCulture)}]";
        return new[] { (Key("age"), p.Age), (Key("f1"), p.F1), (Key("f2"), p.F2), (Key("f3"), p.F3), (Key("check"), p.Check), (Key("works"), p.Works), (Key("note"), p.Note) };
    });

    private async Task AnswerAsync(string smokes, Person[] people)
    {
        var respondent = new HttpRespondent(_public, staff.Server.PublicUrl, Form);
        await respondent.OpenAsync();
        await respondent.PostAsync("start");
        await respondent.PostAsync("next", ("smokes", smokes));
        for (var n = 1; n < people.Length; n++)
        {
            await respondent.PostAsync("add:person", [.. Fields(people[..n])]); // "Add another", as the form button does
        }

        await respondent.PostAsync("next", [.. Fields(people)]);
        Assert.True(respondent.IsComplete, respondent.Html);
    }

    [Fact]
    public async Task A_repeats_questions_are_analysed_over_every_instance_and_flags_read_each_instance()
    {
        var editor = staff.SessionOf(ConsoleRole.Editor);
        using (var upload = await InstrumentFiles.UploadAsync(editor, RepeatForm()))
        {
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
            using var published = await InstrumentFiles.PressAsync(editor, InstrumentFiles.IdFrom(upload), "Publish", confirmUnsealed: true);
            Assert.Contains("is now published", await published.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var (smokes, household) in Plan)
        {
            await AnswerAsync(smokes, household);
        }

        var analyst = staff.SessionOf(ConsoleRole.Analyst);

        // Each flag raised inside one instance flags its response once (before, no rule read NAME[i] answers).
        var counts = await analyst.Client.GetStringAsync("/console/responses");
        Assert.Equal(1, AnalystRequests.CountIn(counts, "flag-" + Form, QualityFlag.StraightLining));
        Assert.Equal(1, AnalystRequests.CountIn(counts, "flag-" + Form, QualityFlag.AttentionCheck));
        Assert.Equal(1, AnalystRequests.CountIn(counts, "flag-" + Form, QualityFlag.Gibberish));

        // A number in the repeat: N is the six instances, the mean theirs; the page says what a row is.
        var people = Plan.SelectMany(p => p.People).ToList();
        var age = await analyst.Client.GetStringAsync($"/console/analyses/{Form}?analysis=summary&question=age&language=en");
        Assert.Contains("Age (each instance of repeat person)", age, StringComparison.Ordinal);
        Assert.Contains("rows: instances of repeat person", age, StringComparison.Ordinal);
        var descriptives = HtmlPage.Parse(age).One("table#descriptives");
        Assert.Equal(["6"], descriptives.Row("N"));
        Assert.Equal("6", descriptives.One("data").GetAttribute("value"));
        Assert.Equal(people.Average(p => double.Parse(p.Age, CultureInfo.InvariantCulture)), Figure(age, "mean"), 12);

        // A choice question in the repeat, and a select list option says it is in the repeat.
        var works = await analyst.Client.GetStringAsync($"/console/analyses/{Form}?analysis=summary&question=works&language=en");
        var worksPage = HtmlPage.Parse(works);
        var worksCaption = worksPage.One("table#frequency-table caption");
        Assert.Contains("(N = 6; missing", worksCaption.TextContent, StringComparison.Ordinal);
        Assert.Equal("6", worksCaption.One("data").GetAttribute("value"));
        Assert.Contains("works: Does this person work? (each instance of repeat person)", worksPage.Texts("select option"));
        // A question outside the repeat stays a row per response (three: a small count, hidden).
        var smokesSummary = await analyst.Client.GetStringAsync($"/console/analyses/{Form}?analysis=summary&question=smokes&language=en");
        var smokesCaption = HtmlPage.Parse(smokesSummary).One("table#frequency-table caption");
        Assert.Contains("(N = <5; missing 0; rows: responses)", smokesCaption.TextContent, StringComparison.Ordinal);
        Assert.Equal("<5", smokesCaption.Text("span.suppressed")); // N is hidden, not given as a figure
        Assert.Equal(["0"], smokesCaption.QuerySelectorAll("data").Select(figure => figure.GetAttribute("value")));

        // Crossed with a question outside the repeat: each instance takes its response's answer (3 + 3 = 6 rows).
        using var crosstab = await analyst.Client.GetAsync($"/console/analyses/{Form}?analysis=crosstab&row=works&column=smokes&language=en");
        var html = await crosstab.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, crosstab.StatusCode);
        var crossCaption = HtmlPage.Parse(html).One("table#crosstab-counts caption");
        Assert.Contains("N = 6 instances of repeat person, 0 instances of repeat person left out", crossCaption.TextContent, StringComparison.Ordinal);
        Assert.Equal("6", crossCaption.One("data").GetAttribute("value"));
    }

    private static double Figure(string html, string id) => AnalystRequests.Figure(html, id);
}
