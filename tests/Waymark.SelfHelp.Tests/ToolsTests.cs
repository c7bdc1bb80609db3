using System.Globalization;
using System.Xml.Linq;
using Waymark.SelfHelp.Content;
using Waymark.SelfHelp.Listing;
using Waymark.SelfHelp.Tools;
using Waymark.SelfHelp.Vault;
using Waymark.Testing;

namespace Waymark.SelfHelp.Tests;

/// <summary>The tools beside the modules: self-assessment scoring, weekly check-ins (week keys, charts, CSV), crisis lines.</summary>
public sealed class ToolsTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ToolsTests");

    public void Dispose() => _temp.Dispose();

    private static readonly string ShippedRoot = Path.Combine(TestEnvironment.RepositoryRoot, "content");

    private static readonly Programme English = ContentLibrary.Load(ShippedRoot, ["en"]).ProgrammeIn("en");

    private static Module Tool(string id) => English.Tool(id) ?? throw new InvalidOperationException(id + " is missing");

    [Fact]
    public void The_four_tools_load_beside_the_modules_as_sourced_drafts()
    {
        Assert.Equal(
            new[] { ToolIds.CheckIn, ToolIds.Crisis, ToolIds.SafetyPlan, ToolIds.SelfAssessment },
            English.Tools.Select(tool => tool.Id).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(English.Modules, module => English.Tool(module.Id) is not null);
        Assert.Null(English.Find(ToolIds.SafetyPlan));
        Assert.All(English.Tools, tool => Assert.Equal(new ClinicalReview("draft", "", ""), tool.Review));
        Assert.Contains(Tool(ToolIds.CheckIn).Sources, source => source.StartsWith("Lätth, J.", StringComparison.Ordinal) && source.Contains("2022", StringComparison.Ordinal));
        Assert.Contains(Tool(ToolIds.SafetyPlan).Sources, source => source.StartsWith("Stanley, B., & Brown, G. K.", StringComparison.Ordinal));
        var assessment = Tool(ToolIds.SelfAssessment);
        Assert.All(assessment.Exercises, exercise => Assert.Equal(ExerciseKind.Scale, exercise.Kind));
        Assert.All(assessment.Exercises, exercise => Assert.NotEmpty(exercise.Modules));
        Assert.Contains("How the suggestion is worked out", assessment.Html, StringComparison.Ordinal);
        Assert.Empty(Tool(ToolIds.Crisis).Exercises);
    }

    [Fact]
    public void A_translated_tool_takes_its_scoring_from_the_english_file()
    {
        var root = ContentLibraryTests.CopyShipped(_temp);
        var english = Path.Combine(root, "selfhelp", "en", "self-assessment.md");
        var german = Path.Combine(root, "selfhelp", "de", "self-assessment.md");
        File.WriteAllText(german, File.ReadAllText(english)
            .Replace("title: 'Where to start: a short self-assessment'", "title: 'Wo anfangen: eine kurze Selbsteinschätzung'", StringComparison.Ordinal)
            .Replace("    modules: [other-users, excusing-thoughts]\n", "", StringComparison.Ordinal));

        var programme = ContentLibrary.Load(root, ["en", "de"]).ProgrammeIn("de");

        var tool = programme.Tool(ToolIds.SelfAssessment)!;
        Assert.Equal("de", tool.Language.Code);
        Assert.Equal(["other-users", "excusing-thoughts"], tool.Exercises.Single(exercise => exercise.Id == "others").Modules);
    }

    [Theory]
    [InlineData("modules: [other-users, excusing-thoughts]", "modules: [other-users, zorblat]", "points to module 'zorblat'")]
    [InlineData("modules: [other-users, excusing-thoughts]", "modules: [other-users, check-in]", "points to module 'check-in'")]
    public void A_question_pointing_to_no_module_stops_loading(string from, string to, string message)
    {
        var root = ContentLibraryTests.CopyShipped(_temp);
        var path = Path.Combine(root, "selfhelp", "en", "self-assessment.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace(from, to, StringComparison.Ordinal));

        var error = Assert.Throws<ContentException>(() => ContentLibrary.Load(root, ["en"]));

        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Modules_on_a_question_that_is_not_a_scale_stop_loading()
    {
        var root = ContentLibraryTests.CopyShipped(_temp);
        var path = Path.Combine(root, "selfhelp", "en", "check-in.md");
        File.WriteAllText(path, File.ReadAllText(path).Replace("    type: text\n", "    type: text\n    modules: [emotions]\n", StringComparison.Ordinal));

        var error = Assert.Throws<ContentException>(() => ContentLibrary.Load(root, ["en"]));

        Assert.Contains("only scale questions point to modules", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_suggested_order_follows_the_documented_scoring()
    {
        var assessment = Tool(ToolIds.SelfAssessment);

        // Viewing 4 points to four modules; contact 2 to two: highest first, ties in programme order, then the rest.
        var order = SelfAssessment.Recommend(English, assessment, Answers(("viewing", "4"), ("contact", "2"))).ToList();

        Assert.Equal(
            ["why-change", "real-not-virtual", "my-pattern", "managing-urges", "online-habits", "risk-of-contact", "professional-help",
             "excusing-thoughts", "other-users", "sexual-interest", "emotions", "life-worth-living", "relapse-prevention", "keeping-going"],
            order.Select(score => score.Module.Id));
        Assert.Equal([0, 4, 4, 4, 4, 2, 2, 0, 0, 0, 0, 0, 0, 0], order.Select(score => score.Score));

        // Sums across questions: professional help is pointed to by contact (4) and mood (1).
        var sums = SelfAssessment.Recommend(English, assessment, Answers(("contact", "4"), ("mood", "1")));
        Assert.Equal(["why-change", "professional-help", "risk-of-contact", "emotions", "life-worth-living"], sums.Take(5).Select(score => score.Module.Id));
        Assert.Equal(5, sums[1].Score);
        Assert.Equal(English.Modules.Count, sums.Count);
    }

    [Fact]
    public void Unanswered_or_off_scale_answers_suggest_nothing()
    {
        var assessment = Tool(ToolIds.SelfAssessment);

        Assert.False(SelfAssessment.IsAnswered(assessment, Answers()));
        Assert.False(SelfAssessment.IsAnswered(assessment, Answers(("viewing", "9"), ("urges", "-1"), ("mood", "2.0"))));
        Assert.Equal(English.Modules.Select(module => module.Id), SelfAssessment.Recommend(English, assessment, Answers(("viewing", "9"))).Select(score => score.Module.Id));
        Assert.Empty(SelfAssessment.SuggestedOrder(English, new Progress()));
        Assert.Empty(SelfAssessment.SuggestedOrder(English, null));

        var progress = new Progress();
        progress.Record(ToolIds.SelfAssessment, Answers(("others", "3")));
        Assert.Equal(["why-change", "excusing-thoughts", "other-users"], SelfAssessment.SuggestedOrder(English, progress).Take(3));
        Assert.Equal("other-users", English.NextFor(new HashSet<string> { "why-change", "excusing-thoughts" }, SelfAssessment.SuggestedOrder(English, progress))!.Id);
    }

    [Theory]
    [InlineData("2026-12-06T23:59:59Z", "2026-W49")]
    [InlineData("2026-12-13T12:00:00Z", "2026-W50")]
    [InlineData("2027-01-01T00:00:00Z", "2026-W53")]
    [InlineData("2024-12-30T00:00:00Z", "2025-W01")]
    [InlineData("2026-12-07T00:30:00+02:00", "2026-W49")] // still Sunday in UTC
    public void A_check_in_is_kept_under_its_iso_week(string time, string week) =>
        Assert.Equal(week, CheckIns.WeekOf(DateTimeOffset.Parse(time, CultureInfo.InvariantCulture)));

    [Fact]
    public void Check_ins_are_one_a_week_survive_the_vault_json_and_old_vaults_still_read()
    {
        var progress = new Progress();
        progress.RecordCheckIn("2026-W49", Answers(("viewing-days", "3"), ("steps", "  ")));
        progress.RecordCheckIn("2026-W50", Answers(("viewing-days", "2")));
        progress.RecordCheckIn("2026-W49", Answers(("viewing-days", "1")));

        var read = Progress.FromJson(progress.ToJson())!;

        Assert.Equal(["2026-W49", "2026-W50"], CheckIns.All(read).Select(checkIn => checkIn.Week));
        Assert.Equal("1", read.CheckIns["2026-W49"]["viewing-days"]);
        Assert.False(read.CheckIns["2026-W49"].ContainsKey("steps"));
        var old = Progress.FromJson("""{"completed":["why-change"],"answers":{"why-change":{"reasons":"x"}}}"""u8)!;
        Assert.Empty(old.CheckIns);
        Assert.Null(Progress.FromJson("""{"completed":[],"answers":{},"checkIns":null}"""u8));
    }

    [Fact]
    public void Hopelessness_or_thoughts_of_self_harm_signal_a_crisis()
    {
        var checkIn = Tool(ToolIds.CheckIn);

        Assert.True(CheckIns.SignalsCrisis(checkIn, Answers(("concerns.hopeless", "on"))));
        Assert.True(CheckIns.SignalsCrisis(checkIn, Answers(("concerns.self-harm", "on"))));
        Assert.False(CheckIns.SignalsCrisis(checkIn, Answers(("concerns.contact-risk", "on"), ("mood", "0"))));
        Assert.False(CheckIns.SignalsCrisis(checkIn, Answers()));
    }

    [Fact]
    public void The_chart_is_an_accessible_svg_with_one_point_per_answered_week()
    {
        var urges = Tool(ToolIds.CheckIn).Exercises.Single(exercise => exercise.Id == "urges");
        List<CheckIn> weeks =
        [
            new("2026-W48", Answers(("urges", "10"))),
            new("2026-W49", Answers()),
            new("2026-W50", Answers(("urges", "0"))),
        ];

        var svg = XElement.Parse(CheckIns.Chart(urges, weeks, "chart-urges", "3 weekly check-ins <from> W48 & on"));
        XNamespace ns = "http://www.w3.org/2000/svg";

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("chart-urges-title chart-urges-desc", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal(urges.Prompt, svg.Element(ns + "title")!.Value);
        Assert.Equal("3 weekly check-ins <from> W48 & on", svg.Element(ns + "desc")!.Value);
        var circles = svg.Elements(ns + "circle").ToList();
        Assert.Equal(2, circles.Count);
        // 10 (the scale's top) is drawn at the top of the plot area, 0 at its bottom; the first week at the left edge, the last at the right.
        Assert.Equal(("28", "10"), ((string)circles[0].Attribute("cx")!, (string)circles[0].Attribute("cy")!));
        Assert.Equal(("310", "122"), ((string)circles[1].Attribute("cx")!, (string)circles[1].Attribute("cy")!));
        Assert.Equal("28,10 310,122", (string?)svg.Element(ns + "polyline")!.Attribute("points"));
        Assert.Equal(["W48", "W49", "W50"], svg.Elements(ns + "text").Select(text => text.Value).Where(text => text.StartsWith('W')));
    }

    [Fact]
    public void The_chart_shows_the_latest_26_weeks()
    {
        var viewing = Tool(ToolIds.CheckIn).Exercises.Single(exercise => exercise.Id == "viewing-days");
        var weeks = Enumerable.Range(1, 30).Select(week => new CheckIn($"2026-W{week:D2}", Answers(("viewing-days", (week % 8).ToString(CultureInfo.InvariantCulture))))).ToList();

        var svg = XElement.Parse(CheckIns.Chart(viewing, weeks, "c", "d"));

        Assert.Equal(CheckIns.ChartWeeks, svg.Elements(XName.Get("circle", "http://www.w3.org/2000/svg")).Count());
        Assert.Contains(svg.Descendants(), element => element.Value == "W05");
        Assert.DoesNotContain(svg.Descendants(), element => element.Value == "W04");
    }

    [Fact]
    public void The_export_is_csv_with_every_week_and_field_and_no_formula()
    {
        var checkIn = Tool(ToolIds.CheckIn);
        List<CheckIn> weeks =
        [
            new("2026-W49", Answers(("viewing-days", "3"), ("steps", "walked, \"called\" a line\nand slept"), ("concerns.hopeless", "on"))),
            new("2026-W50", Answers(("mood", "6"), ("steps", "=1+2"))),
        ];

        var lines = CheckIns.ToCsv(checkIn, weeks).Split("\r\n");

        Assert.Equal("week,viewing-days,urges,mood,steps,concerns.hopeless,concerns.self-harm,concerns.contact-risk", lines[0]);
        Assert.Equal("2026-W49,3,,,\"walked, \"\"called\"\" a line\nand slept\",yes,,", lines[1]);
        Assert.Equal("2026-W50,,,6,'=1+2,,,", lines[2]);
        Assert.Equal("", lines[3]);
    }

    [Fact]
    public void Crisis_lines_are_helplines_in_the_reader_language_then_international_ones()
    {
        var directory = HelpDirectory.Load(Path.Combine(ShippedRoot, "directory", "directory.yaml"));

        var english = directory.CrisisLines("en").Entries;
        var arabic = directory.CrisisLines("ar").Entries;
        var german = directory.CrisisLines("de").Entries;
        var ukrainian = directory.CrisisLines("uk").Entries;

        Assert.All(english.Concat(arabic).Concat(german), entry => Assert.Equal("helpline", entry.Type));
        Assert.Contains(english, entry => entry.Id == "stop-it-now-uk");
        Assert.Equal("befrienders-worldwide", english[^1].Id); // international after national, both in English
        Assert.DoesNotContain(english, entry => entry.Id == "ua-lifeline");
        Assert.Equal("ua-lifeline", ukrainian[0].Id);
        Assert.Contains(ukrainian, entry => entry.Id == "befrienders-worldwide");
        Assert.Equal("lb-embrace-1564", arabic[0].Id); // in the language: by country code (LB before SA)
        Assert.Contains(arabic, entry => entry.Id == "sa-child-helpline");
        Assert.Contains(arabic, entry => entry.Id == "befrienders-worldwide");
        // German, Swedish and Portuguese have a crisis line of their own (before 2026-12-07 only the international ones).
        Assert.Equal("de-telefonseelsorge", german[0].Id);
        Assert.Equal("se-mind-sjalvmordslinjen", directory.CrisisLines("sv").Entries[0].Id);
        Assert.Equal("br-cvv-188", directory.CrisisLines("pt").Entries[0].Id);
        Assert.Equal("befrienders-worldwide", german[^1].Id);
    }

    [Theory]
    [InlineData("es", "es-linea-024")]
    [InlineData("sr", "rs-centar-srce")]
    [InlineData("ru", "ru-msph-051")]
    [InlineData("ne", "np-suicide-helpline-1166")]
    [InlineData("ja", "jp-yorisoi-hotline")]
    public void A_crisis_line_for_adults_added_on_2026_12_07_is_listed_in_its_language_with_how_it_was_checked(string language, string id)
    {
        var directory = HelpDirectory.Load(Path.Combine(ShippedRoot, "directory", "directory.yaml"));

        var lines = directory.CrisisLines(language).Entries;

        // The adult line comes first, before the children's and young people's lines in the same language.
        Assert.Equal(id, lines[0].Id);
        var line = lines[0];
        Assert.Equal("helpline", line.Type);
        Assert.Equal([language], line.Languages);
        Assert.Contains(line.Channels, channel => channel.Kind == "phone");
        Assert.StartsWith("http", line.Source, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 12, 7), line.Checked!.Date);
        Assert.StartsWith("desk check against stored copies of ", line.Checked.How, StringComparison.Ordinal);
        Assert.Null(line.Verified); // desk-checked, not verified against the live page
        Assert.Equal("befrienders-worldwide", lines[^1].Id); // the international lines still come after
    }

    [Theory]
    [InlineData("en", "DE", "de-telefonseelsorge", "stop-it-now-uk")]
    [InlineData("de", "BR", "br-cvv-188", "de-telefonseelsorge")]
    [InlineData("ar", "SE", "se-mind-sjalvmordslinjen", "sa-child-helpline")]
    [InlineData("de", "global", "de-telefonseelsorge", "befrienders-worldwide")]
    [InlineData("de", "", "de-telefonseelsorge", "befrienders-worldwide")]
    public void A_country_the_visitor_chose_puts_its_crisis_lines_first_then_the_reader_language(string language, string country, string first, string then)
    {
        var directory = HelpDirectory.Load(Path.Combine(ShippedRoot, "directory", "directory.yaml"));

        var lines = directory.CrisisLines(language, country).Entries.Select(entry => entry.Id).ToList();

        Assert.Equal(first, lines[0]);
        Assert.Contains(then, lines);
        Assert.True(lines.IndexOf(then) > 0);
        Assert.Equal("befrienders-worldwide", lines[^1]);
        Assert.Equal(lines.Count, lines.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain("global", directory.CrisisCountries());
        Assert.All(directory.CrisisCountries(), code => Assert.Equal(code, directory.Entries.Single(entry => entry.Id == directory.CrisisLines(language, code).Entries[0].Id).Country));
    }

    private static Dictionary<string, string> Answers(params (string Key, string Value)[] answers) =>
        answers.ToDictionary(answer => answer.Key, answer => answer.Value, StringComparer.Ordinal);
}
