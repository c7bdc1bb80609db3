using Waymark.Surveys.Export;
using Waymark.Surveys.Paging;
using Waymark.Surveys.Responses;
using Waymark.Testing;

namespace Waymark.Surveys.Tests;

/// <summary>
/// Repeats and loops from the XLSForm to the page engine: instances keyed <c>NAME[i]</c>, <c>${name}</c> inside a repeat
/// meaning the same instance (as ODK reads it), <c>count()</c>, <c>position(..)</c>, <c>indexed-repeat()</c> and the
/// node-set functions over instances, open repeats grown and shrunk by the respondent, counted ones by their answer.
/// </summary>
public sealed class RepeatTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("RepeatTests");

    public void Dispose() => _temp.Dispose();

    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[][] Household =
    [
        ["type", "name", "label", "relevant", "constraint", "calculation", "repeat_count"],
        ["integer", "size", "How many people live here?", "", "", "", ""],
        ["begin repeat", "person", "Person", "", "", "", ""],
        ["text", "pname", "Name of person ${pname}", "", "", "", ""],
        ["integer", "age", "Age of ${pname}", "", "", "", ""],
        ["select_one yn", "works", "Does ${pname} work?", "${age} >= 16", "", "", ""],
        ["calculate", "number", "", "", "", "position(..)", ""],
        ["end repeat", "", "", "", "", "", ""],
        ["calculate", "people", "", "", "", "count(${person})", ""],
        ["calculate", "total_age", "", "", "", "sum(${age})", ""],
        ["calculate", "second", "", "", "", "indexed-repeat(${pname}, ${person}, 2)", ""],
        ["calculate", "names", "", "", "", "join(', ', ${pname})", ""],
        ["begin repeat", "visit", "Visit", "", "", "", "${size}"],
        ["date", "when", "When?", "", "", "", ""],
        ["end repeat", "", "", "", "", "", ""],
    ];

    private static readonly string[][] YesNo = [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]];

    private static Instrument Import(string[][] survey, string[][]? choices = null)
    {
        var build = XlsFormHeaderTests.Load(survey, choices ?? YesNo);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        return build.Instrument!;
    }

    private static SurveyEngine Engine(Instrument instrument) => new(instrument, new FixedTime(Now));

    [Fact]
    public void A_repeat_imports_as_a_group_whose_questions_know_it()
    {
        var instrument = Import(Household);
        Assert.Equal(["person", "visit"], instrument.Repeats.Select(r => r.Name));
        Assert.Null(instrument.FindGroup("person")!.RepeatCount);
        Assert.Equal("${size}", instrument.FindGroup("visit")!.RepeatCount);
        Assert.Equal("person", instrument.RepeatOf("age")!.Name);
        Assert.Null(instrument.RepeatOf("size"));
        Assert.Equal(["pname", "age", "works", "number"], instrument.QuestionsOf(instrument.FindGroup("person")!).Select(q => q.Name));
    }

    [Fact]
    public void An_open_repeat_starts_with_one_instance_and_references_inside_it_read_the_same_instance()
    {
        var engine = Engine(Import(Household));
        var answers = engine.Start("en");
        Assert.Equal("1", answers["person"]);
        Assert.Equal("0", answers["visit"]); // ${size} unanswered: no visits
        answers = engine.AddInstance(answers, "person", "en");
        answers = engine.Settle(new Dictionary<string, string>(answers) { ["pname[1]"] = "Ann", ["age[1]"] = "40", ["pname[2]"] = "Bo", ["age[2]"] = "9", ["works[1]"] = "yes", ["works[2]"] = "yes" }, "en");

        // works is relevant when that person's own age is at least 16: kept for Ann, dropped for Bo.
        Assert.Equal("yes", answers["works[1]"]);
        Assert.False(answers.ContainsKey("works[2]"));
        Assert.Equal(("1", "2"), (answers["number[1]"], answers["number[2]"]));
        Assert.Equal("2", answers["people"]);
        Assert.Equal("49", answers["total_age"]);
        Assert.Equal("Bo", answers["second"]);
        Assert.Equal("Ann, Bo", answers["names"]);
    }

    [Fact]
    public void A_counted_repeat_follows_its_answer_and_drops_instances_beyond_it()
    {
        var engine = Engine(Import(Household));
        var answers = engine.Settle(new Dictionary<string, string> { ["size"] = "3", ["when[1]"] = "2026-01-01", ["when[3]"] = "2026-01-03" });
        Assert.Equal("3", answers["visit"]);
        answers = engine.Settle(new Dictionary<string, string>(answers) { ["size"] = "1" });
        Assert.Equal("1", answers["visit"]);
        Assert.Equal("2026-01-01", answers["when[1]"]);
        Assert.False(answers.ContainsKey("when[3]"));

        // The respondent cannot add to or remove from a counted repeat.
        Assert.Equal(answers, engine.AddInstance(answers, "visit"));
        Assert.Equal(answers, engine.RemoveInstance(answers, "visit", 1));

        var huge = engine.Settle(new Dictionary<string, string> { ["size"] = "100000" });
        Assert.Equal(AnswerKeys.MaxInstances.ToString(System.Globalization.CultureInfo.InvariantCulture), huge["visit"]);
    }

    [Fact]
    public void Removing_an_instance_moves_the_later_ones_up_with_their_answers()
    {
        var engine = Engine(Import(Household));
        var answers = engine.Settle(new Dictionary<string, string> { ["person"] = "3", ["pname[1]"] = "Ann", ["pname[2]"] = "Bo", ["pname[3]"] = "Cy", ["age[3]"] = "30", ["works[3]"] = "no" });
        answers = engine.RemoveInstance(answers, "person", 2);
        Assert.Equal("2", answers["person"]);
        Assert.Equal(("Ann", "Cy", "30", "no"), (answers["pname[1]"], answers["pname[2]"], answers["age[2]"], answers["works[2]"]));
        Assert.DoesNotContain(answers.Keys, k => k.EndsWith("[3]", StringComparison.Ordinal));
        answers = engine.RemoveInstance(engine.RemoveInstance(answers, "person", 1), "person", 1);
        Assert.Equal("0", answers["person"]); // an open repeat may be left empty, and stays so
        Assert.Equal("0", engine.Settle(answers)["person"]);
        Assert.Equal("1", engine.AddInstance(answers, "person")["person"]);
    }

    [Fact]
    public void A_page_shows_each_instance_and_takes_answers_by_instance_key()
    {
        var engine = Engine(Import(Household));
        var answers = engine.AddInstance(engine.Start("en"), "person", "en");
        var page = engine.PageOf("pname[2]")!.Value;
        Assert.Equal(page, engine.PageOf("pname"));
        var view = engine.View(page, "en", answers);
        var repeat = Assert.Single(view.Repeats);
        Assert.Equal(("person", "Person", true), (repeat.Name, repeat.Label, repeat.Open));
        Assert.Equal([1, 2], repeat.Instances.Select(i => i.Number));
        Assert.Equal(["pname[1]", "age[1]", "pname[2]", "age[2]"], view.Questions.Select(q => q.Key));

        var result = engine.Submit(page, "en", answers, TestForms.Post(("pname[1]", "Ann"), ("age[1]", "40"), ("pname[2]", "Bo"), ("age[2]", "x")));
        Assert.Equal("Ann", result.Answers["pname[1]"]);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("age[2]", FieldErrorKind.NotInteger), (error.Question, error.Kind));

        // Ann's age reveals "works" in her instance only; labels read her own name.
        Assert.Contains("works[1]", result.Revealed);
        view = engine.View(page, "en", result.Answers, result.Rejected, result.Errors);
        Assert.Equal("Does Ann work?", view.Questions.Single(q => q.Key == "works[1]").Label);
        Assert.Equal("Age of Bo", view.Questions.Single(q => q.Key == "age[2]").Label);
        Assert.Equal("x", view.Questions.Single(q => q.Key == "age[2]").Value);
        Assert.Equal(2, view.Questions.Single(q => q.Key == "age[2]").Instance);
    }

    [Fact]
    public void Constraints_and_required_are_checked_in_every_instance()
    {
        var engine = Engine(Import(
        [
            ["type", "name", "label", "required", "constraint"],
            ["begin repeat", "child", "Child", "", ""],
            ["integer", "age", "Age", "yes", ". < 18"],
            ["end repeat", "", "", "", ""],
        ]));
        var answers = engine.Settle(new Dictionary<string, string> { ["child"] = "2", ["age[1]"] = "30" });
        var errors = engine.ValidateAll(answers, "en");
        Assert.Equal([("age[1]", FieldErrorKind.Constraint), ("age[2]", FieldErrorKind.Required)], errors.Select(e => (e.Question, e.Kind)));
    }

    [Fact]
    public void A_repeat_inside_a_repeat_is_refused_by_name()
    {
        var build = XlsFormHeaderTests.Load(
        [
            ["type", "name", "label"],
            ["begin repeat", "tree", "Tree"],
            ["begin repeat", "stem", "Stem"],
            ["integer", "girth", "Girth"],
            ["end repeat", "", ""],
            ["end repeat", "", ""],
        ]);
        Assert.False(build.IsSuccess);
        Assert.Contains(build.Problems, p => p.Fatal && p.Message.StartsWith("repeat 'stem' is inside repeat 'tree': nested repeats are not supported", StringComparison.Ordinal));
    }

    [Fact]
    public void An_end_that_closes_the_wrong_kind_is_an_error_as_in_pyxform()
    {
        var build = XlsFormHeaderTests.Load([["type", "name", "label"], ["begin repeat", "r", "R"], ["text", "t", "T"], ["end group", "", ""]]);
        Assert.Contains(build.Problems, p => p.Fatal && p.Message == "'end group' closes repeat 'r' (begun on row 2): close it with 'end repeat'");
    }

    [Fact]
    public void A_repeat_count_that_is_not_a_reference_is_calculated_before_the_repeat_as_pyxform_does()
    {
        var instrument = Import([["type", "name", "label", "repeat_count"], ["integer", "n", "N", ""], ["begin repeat", "r", "R", "${n} + 1"], ["text", "t", "T", ""], ["end repeat", "", "", ""]]);
        var count = instrument.Find("r_count")!;
        Assert.Equal((QuestionType.Calculate, "${n} + 1", true), (count.Type, count.Calculation, count.ReadOnly));
        Assert.Equal("${r_count}", instrument.FindGroup("r")!.RepeatCount);
        Assert.Equal("3", Engine(instrument).Settle(new Dictionary<string, string> { ["n"] = "2" })["r"]);
    }

    [Fact]
    public void A_repeat_count_may_not_read_its_own_repeat()
    {
        var build = XlsFormHeaderTests.Load([["type", "name", "label", "repeat_count"], ["begin repeat", "r", "R", "${t}"], ["integer", "t", "T", ""], ["end repeat", "", "", ""]]);
        Assert.Contains(build.Problems, p => p.Fatal && p.Message.StartsWith("the repeat_count of 'r' reads ${t}, which is inside that repeat", StringComparison.Ordinal));
    }

    [Fact]
    public void A_loop_expands_into_a_group_per_choice_as_pyxform_does()
    {
        var instrument = Import(
            [["type", "name", "label", "hint"], ["begin loop over rooms", "per_room", "Rooms", ""], ["integer", "windows", "How many windows in the %(label)s?", "Count the %(name)s"], ["end loop", "", "", ""]],
            [["list_name", "name", "label"], ["rooms", "kitchen", "Kitchen"], ["rooms", "hall", "Hall"], ["rooms", "none", "None"]]);
        Assert.Equal(["per_room", "kitchen", "hall"], instrument.Groups.Select(g => g.Name));
        Assert.Equal(["per_room", "kitchen"], instrument.FindGroup("kitchen")!.Path);
        Assert.Equal("Hall", instrument.FindGroup("hall")!.Labels.For(LocalizedText.DefaultKey));
        var hall = instrument.Find("hall_windows")!;
        Assert.Equal(("windows", "How many windows in the Hall?", "Count the hall"), (hall.SourceName, hall.Labels.For(LocalizedText.DefaultKey), hall.Hints.For(LocalizedText.DefaultKey)));
        Assert.Equal(["per_room", "hall"], hall.GroupPath);
        Assert.Empty(instrument.Repeats);
    }

    [Fact]
    public void New_instances_get_their_defaults_when_a_count_goes_up_or_another_is_added_and_only_then()
    {
        var engine = Engine(Import(
            [
                ["type", "name", "label", "repeat_count", "default"],
                ["integer", "visits", "How many visits?", "", ""],
                ["begin repeat", "visit", "Visit", "${visits}", ""],
                ["integer", "minutes", "Minutes", "", "30"],
                ["select_one yn", "helped", "Did it help?", "", "yes"],
                ["end repeat", "", "", "", ""],
                ["begin repeat", "person", "Person", "", ""],
                ["text", "role", "Role", "", "member"],
                ["end repeat", "", "", "", ""],
            ]));
        string Shown(IReadOnlyDictionary<string, string> answers) => string.Join(' ', answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));

        // At the start no visit yet; the open repeat's first instance has its default.
        var answers = engine.Start();
        Assert.Equal("person=1 role[1]=member visit=0", Shown(answers));

        // The count goes up: both new instances get the defaults.
        answers = engine.Settle(new Dictionary<string, string>(answers) { ["visits"] = "2" });
        Assert.Equal("helped[1]=yes helped[2]=yes minutes[1]=30 minutes[2]=30 person=1 role[1]=member visit=2 visits=2", Shown(answers));

        // A default the respondent cleared in an instance they saw stays cleared; a third visit gets its own.
        var cleared = new Dictionary<string, string>(answers) { ["visits"] = "3" };
        cleared.Remove("minutes[2]");
        answers = engine.Settle(cleared);
        Assert.Equal("helped[1]=yes helped[2]=yes helped[3]=yes minutes[1]=30 minutes[3]=30 person=1 role[1]=member visit=3 visits=3", Shown(answers));
        Assert.Equal(answers, engine.Settle(answers)); // settling again changes nothing

        // Down to one and up to two again: the second instance is new again, with its defaults.
        answers = engine.Settle(new Dictionary<string, string>(engine.Settle(new Dictionary<string, string>(answers) { ["visits"] = "1" })) { ["visits"] = "2" });
        Assert.Equal("helped[1]=yes helped[2]=yes minutes[1]=30 minutes[2]=30 person=1 role[1]=member visit=2 visits=2", Shown(answers));

        // "Add another" on the open repeat: the new instance has its default, the first keeps its answer.
        answers = engine.AddInstance(new Dictionary<string, string>(answers) { ["role[1]"] = "head" }, "person");
        Assert.Equal(("head", "member", "2"), (answers["role[1]"], answers["role[2]"], answers["person"]));
    }

    /// <summary>Two loops over one list, both asking <c>windows</c>; pyxform 4.5 accepts it (PyxformLiveTests compares the paths).</summary>
    internal static readonly string[][] TwoLoops =
    [
        ["type", "name", "label", "relevant"],
        ["integer", "moved", "How many years since you moved in?", ""],
        ["begin loop over rooms", "per_room", "Rooms", ""],
        ["integer", "windows", "How many windows in the %(label)s?", ""],
        ["end loop", "", "", ""],
        ["begin loop over rooms", "per_room_again", "Rooms a year later", "${moved} > 0"],
        ["integer", "windows", "How many windows in the %(label)s now?", ""],
        ["text", "note", "Anything else about the %(label)s?", ""],
        ["end loop", "", "", ""],
    ];

    internal static readonly string[][] Rooms = [["list_name", "name", "label"], ["rooms", "kitchen", "Kitchen"], ["rooms", "hall", "Hall"]];

    [Fact]
    public void A_second_loop_over_the_same_list_takes_its_loops_name_so_nothing_collides()
    {
        var instrument = Import(TwoLoops, Rooms);
        Assert.Equal(["per_room", "kitchen", "hall", "per_room_again", "per_room_again_kitchen", "per_room_again_hall"], instrument.Groups.Select(g => g.Name));
        Assert.Equal([null, null, null, null, "kitchen", "hall"], instrument.Groups.Select(g => g.SourceName));
        Assert.Equal(
            ["moved", "kitchen_windows", "hall_windows", "per_room_again_kitchen_windows", "per_room_again_kitchen_note", "per_room_again_hall_windows", "per_room_again_hall_note"],
            instrument.Questions.Select(q => q.Name));
        var again = instrument.Find("per_room_again_hall_windows")!;
        Assert.Equal(("windows", "How many windows in the Hall now?"), (again.SourceName, again.Labels.For(LocalizedText.DefaultKey)));
        Assert.Equal(["per_room_again", "per_room_again_hall"], again.GroupPath);

        // The second loop's relevance holds for its renamed groups; each question is a column of its own in the exports.
        var engine = Engine(instrument);
        var answers = engine.Settle(new Dictionary<string, string> { ["moved"] = "0", ["kitchen_windows"] = "2", ["per_room_again_kitchen_windows"] = "3" });
        Assert.False(answers.ContainsKey("per_room_again_kitchen_windows"), "the second loop is not relevant to someone who has just moved in");
        answers = engine.Settle(new Dictionary<string, string> { ["moved"] = "1", ["kitchen_windows"] = "2", ["per_room_again_kitchen_windows"] = "3" });
        Assert.Equal(("2", "3"), (answers["kitchen_windows"], answers["per_room_again_kitchen_windows"]));
        var csv = SurveyExport.Create(instrument, [new SurveyResponse("r", null, answers, [])]).Files
            .Single(f => f.Key.EndsWith(".csv", StringComparison.Ordinal) && !f.Key.EndsWith("_codebook.csv", StringComparison.Ordinal) && !f.Key.EndsWith("_spreadsheet.csv", StringComparison.Ordinal)).Value;
        var header = csv.Split('\n')[0];
        Assert.Contains(",moved,kitchen_windows,hall_windows,per_room_again_kitchen_windows,per_room_again_kitchen_note,per_room_again_hall_windows,per_room_again_hall_note,", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_repeat_exports_as_a_long_table_that_r_pspp_and_haven_read_with_its_labels()
    {
        Assert.True(File.Exists("/usr/bin/Rscript") && File.Exists("/usr/bin/pspp"), "R and PSPP are needed: ./test.sh installs them");
        var build = XlsFormHeaderTests.Load(
            [
                ["type", "name", "label", "repeat_count"],
                ["integer", "size", "How many people live here?", ""],
                ["begin repeat", "person", "Person", ""],
                ["text", "pname", "Name", ""],
                ["integer", "age", "Age", ""],
                ["select_one sex", "sex", "Sex", ""],
                ["end repeat", "", "", ""],
                ["begin repeat", "visit", "Visit", "${size}"],
                ["date", "when", "When was the visit?", ""],
                ["end repeat", "", "", ""],
            ],
            [["list_name", "name", "label"], ["sex", "1", "Female"], ["sex", "2", "Male"], ["sex", "9", "Not said"]],
            [["form_id", "version"], ["household", "1"]]);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        var engine = Engine(build.Instrument!);
        var responses = new List<SurveyResponse>
        {
            new("r1", new DateOnly(2026, 12, 1), engine.Settle(new Dictionary<string, string> { ["size"] = "2", ["person"] = "2", ["pname[1]"] = "Ann, \"the elder\"", ["age[1]"] = "40", ["sex[1]"] = "1", ["pname[2]"] = "Bo", ["sex[2]"] = "9", ["when[1]"] = "2026-11-02", ["when[2]"] = "2026-11-09" }), []),
            new("r2", new DateOnly(2026, 12, 2), engine.Settle(new Dictionary<string, string> { ["size"] = "0", ["person"] = "0" }), []),
            new("r3", null, engine.Settle(new Dictionary<string, string> { ["size"] = "1", ["pname[1]"] = "Cy", ["age[1]"] = "7", ["sex[1]"] = "2" }), []),
        };
        var export = SurveyExport.Create(engine.Instrument, responses, null);
        Assert.Equal(
            ["household.R", "household.csv", "household.do", "household.sps", "household_codebook.csv", "household_person.R", "household_person.csv", "household_person.do", "household_person.sps", "household_person_codebook.csv", "household_person_spreadsheet.csv", "household_spreadsheet.csv", "household_visit.R", "household_visit.csv", "household_visit.do", "household_visit.sps", "household_visit_codebook.csv", "household_visit_spreadsheet.csv"],
            export.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["household.dta", "household_person.dta", "household_visit.dta"], export.BinaryFiles.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["response_id,response_date,form_version,language,duration_s,size,person,visit,flags", "r1,2026-12-01,,,,2,2,2,", "r2,2026-12-02,,,,0,0,0,", "r3,,,,,1,1,1,"],
            export.Files["household.csv"].TrimEnd('\n').Split('\n'));
        Assert.Equal(
            ["response_id,instance,pname,age,sex", "r1,1,\"Ann, \"\"the elder\"\"\",40,1", "r1,2,Bo,,9", "r3,1,Cy,7,2"],
            export.Files["household_person.csv"].TrimEnd('\n').Split('\n'));
        Assert.Contains("instance,,\"Instance of repeat person", export.Files["household_person_codebook.csv"], StringComparison.Ordinal);

        var directory = _temp.NewFolder("repeat-export");
        SurveyExport.WriteTo(export, directory);

        // R: each table with its labels, and the long table joins its parent by response_id.
        File.WriteAllText(Path.Combine(directory, "check.R"), """
            source("household.R"); main <- d
            source("household_person.R"); person <- d
            source("household_visit.R"); visit <- d
            joined <- merge(main, person, by = "response_id")
            cat(nrow(person), paste(levels(person$sex), collapse = "|"), attr(person$age, "label"), class(person$instance), paste(person$instance, collapse = " "),
                nrow(joined), paste(joined$size, collapse = " "), class(visit$when), format(visit$when[2]), attr(visit$when, "label"), sep = "\n")
            """);
        var r = ExternalProgram.Run("/usr/bin/Rscript", ["--vanilla", "check.R"], directory).AssertSuccess().Combined.Split('\n');
        Assert.Equal(["3", "Female|Male|Not said", "Age", "integer", "1 2 1", "3", "2 2 1", "Date", "2026-11-09", "When was the visit?"], r.Take(10));

        // PSPP: the long table with its codes (9 stays 9) and value labels, no error or warning.
        File.AppendAllText(Path.Combine(directory, "household_person.sps"), "SAVE TRANSLATE /OUTFILE='codes.csv' /TYPE=CSV /REPLACE /FIELDNAMES.\nSAVE TRANSLATE /OUTFILE='labels.csv' /TYPE=CSV /REPLACE /FIELDNAMES /CELLS=LABELS.\n");
        var pspp = ExternalProgram.Run("/usr/bin/pspp", ["-O", "format=csv", "household_person.sps"], directory).AssertSuccess().Combined;
        Assert.DoesNotContain("error", pspp, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("warning", pspp, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(
            ["response_id|instance|pname|age|sex", "r1|1|Ann, \"the elder\"|40|1", "r1|2|Bo||9", "r3|1|Cy|7|2"],
            ExportSafetyTests.ReadCsv(Path.Combine(directory, "codes.csv")).Select(l => string.Join('|', l.Select(c => c.Trim()))));
        Assert.Equal(["r1", "2", "Bo", "", "Not said"], ExportSafetyTests.ReadCsv(Path.Combine(directory, "labels.csv"))[2].Select(c => c.Trim()));

        // The Stata data file of the long table, read with R's haven.
        var (variables, valueLabels, rows) = ExportSafetyTests.ReadDta(directory, "household_person.dta");
        Assert.Equal(["response_id", "instance", "pname", "age", "sex"], variables.Select(v => v[1]));
        Assert.Equal(["1=Female", "2=Male", "9=Not said"], valueLabels.Where(l => l[1] == "sex").Select(l => l[2] + "=" + l[3]));
        Assert.Equal(["r1", "2", "Bo", "", "9"], rows[2]);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
