using System.Text.Json;
using Waymark.Surveys.XlsForm;
using Waymark.Testing;

namespace Waymark.Surveys.Tests;

/// <summary>
/// pyxform itself (4.5.0, kept under tests/fixtures/pyxform with its BSD licence and run by Debian's python3 with
/// python3-openpyxl, -xlrd, -defusedxml and -lark, which ./test.sh installs) as the reference: the recorded
/// verdicts of <see cref="PyxformDifferentialTests"/> are what it decides today, and forms built here (KoboToolbox's
/// habits, pyxform's header aliases, jr:choice-name, external choices, phone number and hidden) import in Waymark
/// with the same questions, relevance, constraints, requirements, calculations and choices as pyxform writes.
/// </summary>
public sealed class PyxformLiveTests
{
    private const string Python = "/usr/bin/python3";

    private static readonly Dictionary<string, string> NoBytecode = new(StringComparer.Ordinal) { ["PYTHONDONTWRITEBYTECODE"] = "1" };

    private static string Tool => Path.Combine(TestEnvironment.RepositoryRoot, "tools", "pyxform_verdicts.py");

    private static string Pyxform => TestEnvironment.Fixture("pyxform");

    [Fact]
    public void The_recorded_verdicts_are_what_pyxform_decides()
    {
        using var folder = new TemporaryCopy(TestEnvironment.Fixture("xlsform"));
        var run = ExternalProgram.Run(Python, [Tool, Pyxform, folder.Path], environment: NoBytecode).AssertSuccess();
        Assert.Equal(File.ReadAllText(TestEnvironment.Fixture("xlsform", "verdicts.json")), run.Output);
    }

    public static TheoryData<string> Forms() => [.. BuiltForms.Keys];

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_form_built_here_imports_as_pyxform_reads_it(string form)
    {
        var (sheets, known) = BuiltForms[form];
        var bytes = XlsxBuilder.CompletePackage(sheets);
        using var verdict = PyxformVerdict(bytes);
        Assert.True(verdict.RootElement.GetProperty("accepted").GetBoolean(), $"pyxform refuses {form}: {verdict.RootElement}");
        var build = XlsFormFile.Load(new MemoryStream(bytes), form + ".xlsx");
        Assert.True(build.IsSuccess, $"pyxform accepts {form}, Waymark refuses it:\n{string.Join("\n", build.Problems)}");
        Assert.Equal(known, PyxformDifferentialTests.Differences(build.Instrument!, verdict.RootElement.GetProperty("nodes"), verdict.RootElement.GetProperty("repeats")));
    }

    private static readonly Dictionary<string, ((string Name, string[][] Rows)[] Sheets, string[] Known)> BuiltForms = new(StringComparer.Ordinal)
    {
        // Device metadata, bind:: columns, translations, media columns, a cascading select with a name twice.
        ["kobo_style"] = ([("survey", KoboStyleFormTests.Survey), ("choices", KoboStyleFormTests.Choices), ("settings", KoboStyleFormTests.Settings)], []),

        // pyxform's single-colon spellings: bind:relevant, bind:constraint, bind:jr:constraintMsg, readonly.
        ["single_colon_aliases"] = (
        [
            ("survey",
            [
                ["type", "name", "label", "bind:relevant", "bind:constraint", "bind:jr:constraintMsg", "readonly", "bind:required"],
                ["integer", "age", "Age", string.Empty, ". > 0 and . < 120", "An age in years", string.Empty, "yes"],
                ["text", "why", "Why?", "${age} > 17", "string-length(.) < 200", string.Empty, string.Empty, string.Empty],
                ["text", "fixed", "Fixed", string.Empty, string.Empty, string.Empty, "yes", string.Empty],
            ]),
        ], []),

        // The double-colon spellings and the other aliases of pyxform's table.
        ["double_colon_aliases"] = (
        [
            ("survey",
            [
                ["type", "name", "caption", "bind::relevant", "bind::required", "bind::jr:requiredMsg", "bind::readonly", "control::appearance", "calculate"],
                ["select_one yn", "consent", "Agree?", string.Empty, "true()", "Please answer", string.Empty, "minimal", string.Empty],
                ["decimal", "score", "Score", "${consent} = 'yes'", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty],
                ["calculate", "double", string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, "${score} * 2"],
                ["text", "shown", "Shown", string.Empty, string.Empty, string.Empty, "true()", string.Empty, string.Empty],
            ]),
            ("choices", [["list name", "value", "caption"], ["yn", "yes", "Yes"], ["yn", "no", "No"]]),
        ], []),

        // jr:choice-name in a calculation shown in a note; the ODK date and text functions pass through as written.
        ["odk_functions"] = (
        [
            ("survey",
            [
                .. OdkFunctionTests.ChoiceNameSurvey,
                ["date", "born", "Born", "Né", string.Empty, string.Empty],
                ["calculate", "born_text", string.Empty, string.Empty, "format-date(${born}, '%e %b %Y')", string.Empty],
                ["calculate", "initial", string.Empty, string.Empty, "substr(normalize-space(${colour_label}), 0, 1)", string.Empty],
                ["calculate", "big", string.Empty, string.Empty, "max(pow(2, 3), sum(1, 2), round(decimal-date-time(${born}), 0))", string.Empty],
            ]),
            ("choices", OdkFunctionTests.ChoiceNameChoices),
            ("settings", OdkFunctionTests.ChoiceNameSettings),
        ], []),

        // select_one_external reads the external_choices sheet; pyxform writes it as an input with a query.
        ["external_choices"] = (
        [
            ("survey",
            [
                ["type", "name", "label", "choice_filter"],
                ["select_one zone", "zone", "Zone", string.Empty],
                ["select_one_external place", "place", "Place", "zone=${zone}"],
            ]),
            ("choices", [["list_name", "name", "label"], ["zone", "north", "North"], ["zone", "south", "South"]]),
            ("external_choices", [["list_name", "name", "label", "zone"], ["place", "p1", "Place one", "north"], ["place", "p2", "Place two", "south"]]),
        ], ["place: type is 'string input' in pyxform, 'string select1' in Waymark"]),

        // phone number (text with pyxform's digits constraint), hidden (kept, never shown), a note without a name.
        ["presets"] = (
        [
            ("survey",
            [
                ["type", "name", "label"],
                ["phone number", "tel", "Phone"],
                ["hidden", "source", string.Empty],
                ["note", string.Empty, "Thank you"],
                ["start", "start", string.Empty],
                ["today", "today", string.Empty],
            ]),
        ], []),

        // time and dateTime questions (also pyxform's other spellings of dateTime), read by date-time functions.
        ["time_and_date_time"] = (
        [
            ("survey",
            [
                ["type", "name", "label", "calculation", "constraint", "relevant"],
                ["time", "woke", "Woke", string.Empty, string.Empty, string.Empty],
                ["dateTime", "last", "Last", string.Empty, string.Empty, string.Empty],
                ["date time", "next", "Next", string.Empty, "decimal-date-time(.) > decimal-date-time(${last})", string.Empty],
                ["q dateTime", "other", "Other", string.Empty, string.Empty, "decimal-time(${woke}) < 0.5"],
                ["calculate", "when", string.Empty, "format-date-time(${last}, '%e %b %H:%M')", string.Empty, string.Empty],
            ]),
        ], []),

        // Two loops over the same list, asking a question of the same name: pyxform's paths, names that do not collide.
        ["two_loops_same_list"] = ([("survey", RepeatTests.TwoLoops), ("choices", RepeatTests.Rooms)], []),

        // pyxform's older spellings of types and selects, its range types, and group rows written with '_'.
        ["legacy_spellings"] = (
        [
            ("survey",
            [
                ["type", "name", "label", "calculation", "constraint"],
                ["begin_group", "g", "Group", string.Empty, string.Empty],
                ["add text prompt", "t1", "T1", string.Empty, string.Empty],
                ["q string", "t2", "T2", string.Empty, string.Empty],
                ["add integer prompt", "i1", "I1", string.Empty, string.Empty],
                ["q int", "i2", "I2", string.Empty, string.Empty],
                ["add decimal prompt", "d1", "D1", string.Empty, string.Empty],
                ["q decimal", "d2", "D2", string.Empty, string.Empty],
                ["add date prompt", "day1", "Day 1", string.Empty, string.Empty],
                ["q date", "day2", "Day 2", string.Empty, string.Empty],
                ["end_group", string.Empty, string.Empty, string.Empty, string.Empty],
                ["add note prompt", "n1", "N1", string.Empty, string.Empty],
                ["q note", "n2", "N2", string.Empty, string.Empty],
                ["add calculate prompt", "c1", string.Empty, "1 + 1", string.Empty],
                ["q calculate", "c2", string.Empty, "${c1} * 2", string.Empty],
                ["add acknowledge prompt", "a1", "A1", string.Empty, string.Empty],
                ["q acknowledge", "a2", "A2", string.Empty, string.Empty],
                ["percentage", "pc", "Percent", string.Empty, string.Empty],
                ["number of days in last month", "days1", "Days", string.Empty, string.Empty],
                ["number of days in last six months", "days6", "Days", string.Empty, string.Empty],
                ["number of days in last year", "days12", "Days", string.Empty, ". < 300"],
                ["select1 yn", "s1", "S1", string.Empty, string.Empty],
                ["add select one prompt using yn", "s2", "S2", string.Empty, string.Empty],
                ["add select multiple prompt using yn", "s3", "S3", string.Empty, string.Empty],
                ["select_one other_list or other", "s4", "S4", string.Empty, string.Empty],
            ]),
            ("choices", [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"], ["other_list", "a", "A"]]),
        ], []),
    };

    public static TheoryData<string> RefusedForms() => [.. FormsPyxformRefuses.Keys];

    /// <summary>A form pyxform refuses is refused by Waymark too, never imported with a guess.</summary>
    [Theory]
    [MemberData(nameof(RefusedForms))]
    public void A_form_pyxform_refuses_is_refused(string form)
    {
        var bytes = XlsxBuilder.CompletePackage(FormsPyxformRefuses[form]);
        using var verdict = PyxformVerdict(bytes);
        Assert.False(verdict.RootElement.GetProperty("accepted").GetBoolean(), $"pyxform accepts {form}");
        var build = XlsFormFile.Load(new MemoryStream(bytes), form + ".xlsx");
        Assert.False(build.IsSuccess, $"pyxform refuses {form} ({verdict.RootElement.GetProperty("error").GetString()}), Waymark imports it");
    }

    /// <summary>pyxform's verdict on a workbook (written to a temporary folder for it, deleted after).</summary>
    private static JsonDocument PyxformVerdict(byte[] bytes)
    {
        using var folder = TempFolder.Create("pyxform");
        var path = folder.File("form.xlsx");
        File.WriteAllBytes(path, bytes);
        return JsonDocument.Parse(ExternalProgram.Run(Python, [Tool, Pyxform, "--form", path], environment: NoBytecode).AssertSuccess().Output);
    }

    private static readonly Dictionary<string, (string Name, string[][] Rows)[]> FormsPyxformRefuses = new(StringComparer.Ordinal)
    {
        ["unknown_list"] = [("survey", [["type", "name", "label"], ["select_one nowhere", "q", "Q"]]), ("choices", [["list_name", "name", "label"], ["yn", "yes", "Yes"]])],
        ["unknown_type"] = [("survey", [["type", "name", "label"], ["txet", "q", "Q"]])],
        ["duplicate_name"] = [("survey", [["type", "name", "label"], ["text", "q", "Q"], ["integer", "q", "Q again"]])],
        ["duplicate_header"] = [("survey", [["type", "name", "label", "label"], ["text", "q", "Q", "Q"]])],
        ["unclosed_group"] = [("survey", [["type", "name", "label"], ["begin group", "g", "G"], ["text", "q", "Q"]])],
        ["end_without_begin"] = [("survey", [["type", "name", "label"], ["text", "q", "Q"], ["end group", string.Empty, string.Empty]])],
        ["unknown_reference"] = [("survey", [["type", "name", "label", "relevant"], ["text", "q", "Q", "${nothing} = 'x'"]])],
        ["or_other_with_choice_filter"] = [("survey", [["type", "name", "label", "choice_filter"], ["select_one yn or_other", "q", "Q", "name != 'no'"]]), ("choices", [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]])],
        ["duplicate_choice"] = [("survey", [["type", "name", "label"], ["select_one yn", "q", "Q"]]), ("choices", [["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "yes", "Yes again"]])],
        ["no_survey_sheet"] = [("choices", [["list_name", "name", "label"], ["yn", "yes", "Yes"]]), ("settings", [["form_id"], ["x"]])],
        ["header_not_in_row_1"] = [("survey", [[], ["type", "name", "label"], ["text", "q", "Q"]])],
        ["calculate_without_calculation"] = [("survey", [["type", "name", "label"], ["calculate", "c", string.Empty]])],
    };

    /// <summary>A copy of a fixture folder the tool may write into (it writes the .xlsx copies of .xls forms).</summary>
    private sealed class TemporaryCopy : IDisposable
    {
        private readonly TempFolder _folder = TempFolder.Create("pyxform-copy");

        public TemporaryCopy(string source)
        {
            Path = _folder.Path;
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(source, file));
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        public string Path { get; }

        public void Dispose() => _folder.Dispose();
    }
}
