using System.Globalization;
using System.Text.RegularExpressions;
using Waymark.Surveys.Export;
using Waymark.Surveys.Responses;
using Waymark.Testing;

namespace Waymark.Surveys.Tests;

/// <summary>
/// Exports that open cleanly whatever the form's names and codes: SPSS syntax that PSPP runs with a question
/// named after any SPSS command, measurement levels and formats declared, numeric choice names kept as codes,
/// answers outside a choice list reported, and a Stata .do whose every line is a command Waymark means.
/// </summary>
public sealed partial class ExportSafetyTests
{
    /// <summary>First words of SPSS/PSPP commands (and abbreviations PSPP accepts) that a question could be named.</summary>
    private static readonly string[] CommandWords =
    [
        "comment", "com", "document", "doc", "define", "add", "aggregate", "apply", "autorecode", "begin", "break", "cache", "cd",
        "cluster", "compute", "correlations", "count", "crosstabs", "data", "dataset", "date", "debug", "delete", "descriptives",
        "display", "do", "echo", "else", "end", "erase", "examine", "execute", "exit", "export", "factor", "file", "filter",
        "finish", "flip", "format", "formats", "frequencies", "get", "glm", "graph", "host", "import", "include", "input",
        "insert", "leave", "list", "logistic", "loop", "match", "matrix", "means", "missing", "mrsets", "new", "npar",
        "numeric", "oneway", "output", "permissions", "preserve", "print", "quick", "quit", "rank", "recode", "regression",
        "reliability", "rename", "repeat", "restore", "roc", "sample", "save", "select", "set", "show", "sort", "split",
        "string", "subtitle", "sysfile", "temporary", "title", "translate", "update", "value", "variable", "vector",
        "weight", "write", "xexport", "xsave",
    ];

    private static Instrument CommandNamed()
    {
        Choice[] codes = [new("1", LocalizedText.Of("en", "Yes")), new("2", LocalizedText.Of("en", "No")), new("99", LocalizedText.Of("en", "Don't know"))];
        var questions = CommandWords.Select((word, i) => (i % 3) switch
        {
            0 => new Question { Name = word, Type = QuestionType.SelectOne, ListName = "yn", Choices = codes, Labels = LocalizedText.Of("en", "Question " + word) },
            1 => new Question { Name = word, Type = QuestionType.IntegerNumber, Labels = LocalizedText.Of("en", "Number " + word) },
            _ => new Question { Name = word, Type = QuestionType.Text, Labels = LocalizedText.Of("en", "Text " + word) },
        }).ToList();
        var build = Instrument.Create(new InstrumentSettings { FormId = "commands", DefaultLanguage = "en" }, [], questions);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        return build.Instrument!;
    }

    private static List<SurveyResponse> Responses(int count)
    {
        var random = new Random(7);
        string[] codes = ["1", "2", "99"];
        return Enumerable.Range(0, count).Select(i => new SurveyResponse(
            $"r{i}",
            new DateOnly(2026, 11, 1 + (i % 28)),
            CommandWords.Select((word, j) => (word, value: (j % 3) switch
            {
                0 => codes[random.Next(3)],
                1 => random.Next(100).ToString(CultureInfo.InvariantCulture),
                _ => "zorblat " + i.ToString(CultureInfo.InvariantCulture),
            })).ToDictionary(p => p.word, p => p.value, StringComparer.Ordinal),
            [])).ToList();
    }

    [Fact]
    public void Pspp_runs_the_syntax_when_questions_are_named_after_every_spss_command()
    {
        Assert.True(File.Exists("/usr/bin/pspp"), "PSPP is missing: ./test.sh installs pspp");
        var responses = Responses(30);
        var directory = TestEnvironment.NewTempDirectory("survey-spss-names");
        var export = SurveyExport.Create(CommandNamed(), responses);
        SurveyExport.WriteTo(export, directory);
        // No line starts with a variable name (the writer's own commands are upper case, these names lower case).
        Assert.DoesNotMatch(new Regex("^\\s*(" + string.Join('|', CommandWords) + ")\\b", RegexOptions.Multiline), export.Files["commands.sps"]);
        File.AppendAllText(Path.Combine(directory, "commands.sps"), "DISPLAY DICTIONARY.\nSAVE TRANSLATE /OUTFILE='values.csv' /TYPE=CSV /REPLACE /FIELDNAMES.\nSAVE TRANSLATE /OUTFILE='labels.csv' /TYPE=CSV /REPLACE /FIELDNAMES /CELLS=LABELS.\n");
        var output = ExternalProgram.Run("/usr/bin/pspp", ["-O", "format=csv", "commands.sps"], directory).AssertSuccess().Combined;
        Assert.DoesNotContain("error", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("warning", output, StringComparison.OrdinalIgnoreCase);

        // The dictionary: every variable with its label, level and format, in CSV order.
        var variables = output.Split('\n').SkipWhile(l => !l.StartsWith("Table: Variables", StringComparison.Ordinal)).Skip(2).TakeWhile(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        var header = export.Files["commands.csv"].Split('\n')[0].Split(',');
        Assert.Equal(header, variables.Select(v => v[0]));
        foreach (var (word, i) in CommandWords.Select((w, i) => (w, i)))
        {
            var row = variables[i + 2]; // after response_id and response_date; R's reserved words get "_v"
            Assert.StartsWith(word, row[0], StringComparison.Ordinal);
            var (label, level, format) = (i % 3) switch
            {
                0 => ("Question " + word, "Nominal", "F2.0"),
                1 => ("Number " + word, "Scale", "F11.0"),
                _ => ("Text " + word, "Nominal", "A32767"),
            };
            Assert.Equal((label, level, format), (row[2], row[3], row[7]));
        }

        // Numeric choice names are the codes (99 stays 99), and their labels are attached.
        var values = ReadCsv(Path.Combine(directory, "values.csv"));
        var labels = ReadCsv(Path.Combine(directory, "labels.csv"));
        var first = Array.IndexOf(values[0], CommandWords[0]);
        var labelOf = new Dictionary<string, string> { ["1"] = "Yes", ["2"] = "No", ["99"] = "Don't know" };
        for (var r = 0; r < responses.Count; r++)
        {
            Assert.Equal(responses[r].Answers[CommandWords[0]], values[r + 1][first].Trim());
            Assert.Equal(labelOf[responses[r].Answers[CommandWords[0]]], labels[r + 1][first].Trim());
            Assert.Equal(responses[r].Answers[CommandWords[1]], values[r + 1][first + 1].Trim());
        }
    }

    [Fact]
    public void Numeric_choice_names_are_kept_as_codes_and_other_names_coded_in_order()
    {
        var files = SurveyExport.Create(CommandNamed(), []).Files;
        Assert.Contains("RECODE comment ('1'=1) ('2'=2) ('99'=99) INTO wm_tmp.", files["commands.sps"], StringComparison.Ordinal);
        Assert.Contains("replace _wm_tmp = 99 if comment == `\"99\"'", files["commands.do"], StringComparison.Ordinal);
        Assert.Contains("label define comment_lbl 1 `\"Yes\"' 2 `\"No\"' 99 `\"Don't know\"', replace", files["commands.do"], StringComparison.Ordinal);
        Assert.Contains("99=Don't know (code 99)", files["commands_codebook.csv"], StringComparison.Ordinal);

        Choice[] words = [new("01", LocalizedText.Of("en", "a")), new("b", LocalizedText.Of("en", "b"))];
        var mixed = Instrument.Create(new InstrumentSettings { FormId = "m" }, [], [new Question { Name = "q", Type = QuestionType.SelectOne, ListName = "l", Choices = words }]).Instrument!;
        Assert.Contains("RECODE q ('01'=1) ('b'=2) INTO wm_tmp.", SurveyExport.Create(mixed, []).Files["m.sps"], StringComparison.Ordinal);
    }

    [Fact]
    public void Answers_outside_the_choice_list_are_reported_at_export()
    {
        var responses = Responses(3);
        var changed = responses.Select((r, i) => i == 0 ? r with { Answers = new Dictionary<string, string>(r.Answers) { [CommandWords[0]] = "7" } } : r).ToList();
        Assert.Empty(SurveyExport.Create(CommandNamed(), responses).Warnings);
        var warning = Assert.Single(SurveyExport.Create(CommandNamed(), changed).Warnings);
        Assert.Equal("comment: 1 answer(s) not in the choice list 'yn' ('7'): kept in the CSV, missing in the SPSS and Stata data, NA in R", warning);
    }

    /// <summary>
    /// Stata cannot run here: the .do is checked line by line instead. Every line is one of the commands the
    /// writer means, names are valid Stata names of at most 32 characters, value-label names too, every value
    /// label is an integer, compound-quoted strings are balanced and variable labels hold at most 80 characters.
    /// </summary>
    [Fact]
    public void The_stata_do_file_has_only_known_commands_valid_names_and_integer_value_labels()
    {
        var text = SurveyExport.Create(CommandNamed(), Responses(5)).Files["commands.do"];
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Matches(StataLine(), line);
            foreach (Match name in StataNames().Matches(line))
            {
                Assert.InRange(name.Groups["name"].Value.Length, 1, 32);
            }

            if (line.StartsWith("label define ", StringComparison.Ordinal))
            {
                var body = line["label define ".Length..line.LastIndexOf(", replace", StringComparison.Ordinal)];
                var pairs = LabelPairs().Matches(body.Split(' ', 2)[1]);
                Assert.True(pairs.Count > 0, line);
                Assert.All(pairs, p => Assert.True(long.TryParse(p.Groups["code"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _), line));
            }

            if (line.StartsWith("label variable ", StringComparison.Ordinal))
            {
                var label = line[(line.IndexOf("`\"", StringComparison.Ordinal) + 2)..line.LastIndexOf("\"'", StringComparison.Ordinal)];
                Assert.InRange(label.Length, 0, 80);
            }
        }
    }

    [GeneratedRegex("""^(\* .*|import delimited using `".*"', varnames\(1\) stringcols\(_all\) encoding\("utf-8"\) bindquote\(strict\) clear|destring [A-Za-z]\w*, replace|generate (long|double) _wm_tmp = (\.|date\([A-Za-z]\w*, "YMD"\))|replace _wm_tmp = -?\d+ if [A-Za-z]\w* == `".*"'|drop [A-Za-z]\w*|rename _wm_tmp [A-Za-z]\w*|format [A-Za-z]\w* %td|label define [A-Za-z]\w*( -?\d+ `".*?"')+, replace|label values [A-Za-z]\w* [A-Za-z]\w*|label variable [A-Za-z]\w* `".*"'|order( [A-Za-z]\w*)+)$""")]
    private static partial Regex StataLine();

    [GeneratedRegex("""(?:destring|drop|rename _wm_tmp|format|label values|label define|label variable) (?<name>[A-Za-z]\w*)""")]
    private static partial Regex StataNames();

    [GeneratedRegex("""(?<code>-?\d+) `"(?<label>.*?)"'""")]
    private static partial Regex LabelPairs();

    /// <summary>PSPP's CSV here has no quoted line breaks: fields split on commas outside quotes.</summary>
    private static List<string[]> ReadCsv(string path) =>
        File.ReadAllLines(path).Select(line => CsvField().Matches(line).Select(m => m.Groups[1].Success ? m.Groups[1].Value.Replace("\"\"", "\"", StringComparison.Ordinal) : m.Groups[2].Value).ToArray()).ToList();

    [GeneratedRegex("""(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))""")]
    private static partial Regex CsvField();
}
