using System.Text.Json;
using Waymark.Testing;

namespace Waymark.Cli.Tests;

public sealed class SurveyCommandTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("SurveyCommandTests");

    public void Dispose() => _temp.Dispose();

    private static string PyxformForm(string file) => TestEnvironment.Fixture("xlsform", "example_xls", file);

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await WaymarkCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Validate_prints_every_problem_with_sheet_row_and_column_and_exits_1()
    {
        var (code, output, _) = await RunAsync("survey", "validate", PyxformForm("flat_xlsform_test.xlsx"));
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("error: survey row 34, column A (type): location question type 'geopoint' is not supported", output, StringComparison.Ordinal);
        Assert.Contains("warning: survey row 9, column S (image): media (column 'image') is dropped", output, StringComparison.Ordinal);
        Assert.Contains("warning: survey row 1, column C (rows): column 'rows' is not used", output, StringComparison.Ordinal);
        Assert.Contains("invalid (", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_accepts_a_good_form_with_warnings()
    {
        var (code, output, _) = await RunAsync("survey", "validate", PyxformForm("extra_sheet_names.xlsx"));
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("warning: stettings:", output, StringComparison.Ordinal);
        Assert.Contains("valid (1 questions", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_tells_to_save_a_legacy_xls_workbook_as_xlsx()
    {
        var (code, output, _) = await RunAsync("survey", "validate", TestEnvironment.Fixture("xlsform", "example_xls", "tutorial.xls"));
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("tutorial.xls: this is a legacy Excel 97-2003 (.xls) workbook", output, StringComparison.Ordinal);
        Assert.Contains("save it as .xlsx", output, StringComparison.Ordinal);
        Assert.DoesNotContain("zip", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_reports_a_file_that_is_not_xlsx()
    {
        var path = Path.Combine(_temp.NewFolder("survey-cli"), "form.xlsx");
        await File.WriteAllTextAsync(path, "type,name,label\ntext,a,A\n");
        var (code, output, _) = await RunAsync("survey", "validate", path);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("form.xlsx: is not a valid .xlsx file", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_prints_the_instrument_json_shape()
    {
        var (code, output, error) = await RunAsync("survey", "show", PyxformForm("specify_other.xlsx"), "--json");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("specify_other", root.GetProperty("id").GetString());
        Assert.Equal(["English"], root.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        var sex = root.GetProperty("questions")[0];
        Assert.Equal(
            ["name", "type", "labels", "required", "relevant", "constraint", "list", "choices", "group"],
            sex.EnumerateObject().Select(p => p.Name));
        Assert.Equal("select_one", sex.GetProperty("type").GetString());
        Assert.Equal("What sex are you?", sex.GetProperty("labels").GetProperty("English").GetString());
        Assert.False(sex.GetProperty("required").GetBoolean());
        Assert.Equal("sexes", sex.GetProperty("list").GetString());
        Assert.Equal(["male", "female", "other"], sex.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, sex.GetProperty("group").ValueKind);
        Assert.Equal("selected(${sex}, 'other')", root.GetProperty("questions")[1].GetProperty("relevant").GetString());
    }

    [Fact]
    public async Task Show_refuses_an_unsupported_form_on_standard_error()
    {
        var (code, output, error) = await RunAsync("survey", "show", PyxformForm("pull_data.xlsx"), "--json");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("function 'pulldata()' is not supported", error, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Export_writes_csv_codebook_and_syntax_files_and_refuses_bad_lines()
    {
        var form = Path.Combine(TestEnvironment.RepositoryRoot, "content", "surveys", "no-need-for-help.xlsx");
        var directory = _temp.NewFolder("survey-export-cli");
        var responses = Path.Combine(directory, "responses.jsonl");
        await File.WriteAllTextAsync(responses, "{\"id\":\"r1\",\"date\":\"2026-11-27\",\"answers\":{\"age\":\"33\",\"gender\":\"woman\",\"why\":\"can_stop stopped\",\"why_text\":\"zorblat\"},\"flags\":[]}\n"
            + "{\"id\":\"r2\",\"date\":\"2026-11-28\",\"answers\":{\"gender\":\"quenmix\"},\"flags\":[]}\n");
        var output = Path.Combine(directory, "out");
        // An older export of the same name, readable by everyone: rewritten owner-only.
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "no-need-for-help.csv"), "old");
        File.SetUnixFileMode(Path.Combine(output, "no-need-for-help.csv"), (UnixFileMode)0b110_100_100);
        var (code, printed, error) = await RunAsync("survey", "export", form, responses, "--out", output, "--language", "de");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(7, printed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(7, Directory.GetFiles(output).Length);
        Assert.True(File.Exists(Path.Combine(output, "no-need-for-help.dta")));

        // An answer outside its choice list is reported, naming the variable and the count.
        Assert.Equal("warning: gender: 1 answer(s) not in the choice list 'gender' ('quenmix'): kept in the CSV, missing in the SPSS and Stata data, NA in R", error.Trim());
        Assert.All(Directory.GetFiles(output), file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
        var fresh = Path.Combine(directory, "fresh");
        Assert.Equal(ExitCodes.Ok, (await RunAsync("survey", "export", form, responses, "--out", fresh)).Code);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(fresh));
        var csv = (await File.ReadAllTextAsync(Path.Combine(output, "no-need-for-help.csv"))).Split('\n');
        var header = csv[0].Split(',');
        var row = csv[1].Split(',');
        Assert.Equal("1", row[Array.IndexOf(header, "why_can_stop")]);
        Assert.Equal("1", row[Array.IndexOf(header, "why_stopped")]);
        Assert.Equal("0", row[Array.IndexOf(header, "why_fear_identified")]);
        Assert.Equal("woman", row[Array.IndexOf(header, "gender")]);
        Assert.Equal("zorblat", row[Array.IndexOf(header, "why_text")]);
        var codebook = await File.ReadAllTextAsync(Path.Combine(output, "no-need-for-help_codebook.csv"));
        Assert.Contains("Ich kann allein aufhören", codebook, StringComparison.Ordinal);
        Assert.Contains("gender,gender,Welches Geschlecht haben Sie?,select_one gender,\"man=Mann (code 1); woman=Frau (code 2)", codebook, StringComparison.Ordinal);

        await File.AppendAllTextAsync(responses, "not json\n");
        var (badCode, _, badError) = await RunAsync("survey", "export", form, responses, "--out", output);
        Assert.Equal(ExitCodes.Failure, badCode);
        Assert.Contains("line 3: not a response record", badError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_lists_the_machine_drafted_languages_of_the_demo_survey()
    {
        var form = Path.Combine(TestEnvironment.RepositoryRoot, "content", "surveys", "help-us-help-you.xlsx");
        var (code, output, error) = await RunAsync("survey", "show", form, "--json");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(output);
        var translations = json.RootElement.GetProperty("translations");
        Assert.Equal(
            ["ar", "bs", "de", "el", "es", "fa", "fi", "fr", "hi", "hr", "it", "ja", "ne", "nl", "pl", "pt", "ru", "sr", "sv", "ta", "uk", "zh-hans", "zh-hant"],
            translations.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(translations.EnumerateObject(), p => Assert.Equal("machine-draft", p.Value.GetString()));
        var contact = json.RootElement.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("name").GetString() == "contact_users");
        Assert.Equal("Have you been in contact with other CSAM/illegal violent material users?", contact.GetProperty("labels").GetProperty("en").GetString());
    }
}
