using System.Globalization;
using System.Text.RegularExpressions;
using Waymark.Surveys.Export;
using Waymark.Surveys.Responses;
using Waymark.Testing;

namespace Waymark.Surveys.Tests;

/// <summary>
/// Exports that open cleanly whatever the form's names and codes: SPSS syntax that PSPP runs in every syntax mode
/// with a question named after every word of every SPSS/PSPP command, its three-letter abbreviation and every
/// reserved word; measurement levels and formats declared; numeric choice names kept as codes; the R script and
/// the Stata data file loading the same data with its labels in R; answers outside a choice list reported.
/// </summary>
public sealed partial class ExportSafetyTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ExportSafetyTests");

    public void Dispose() => _temp.Dispose();

    /// <summary>PSPP's reserved words (its manual, "Tokens"): never usable as names, so the export renames them.</summary>
    private static readonly string[] ReservedWords = ["all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with"];

    /// <summary>
    /// Every word of every command PSPP knows or names as SPSS's (tests/fixtures/spss-commands), the three-letter
    /// abbreviation of each longer word (PSPP and SPSS accept command words cut to three letters), and the
    /// reserved words: each one a question name.
    /// </summary>
    private static readonly string[] CommandWords = [.. File.ReadAllLines(TestEnvironment.Fixture("spss-commands", "commands.txt")).Prepend("comment") // first: a select_one with codes
        .SelectMany(command => command.ToLowerInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries))
        .SelectMany(word => word.Length > 3 ? new[] { word, word[..3] } : [word])
        .Concat(ReservedWords)
        .Where(word => char.IsAsciiLetter(word[0])) // a question name starts with a letter ("2SLS" cannot be one)
        .Distinct(StringComparer.Ordinal)];

    private static readonly string[] Codes = ["1", "2", "99"];

    private static readonly string[] Words = ["yes", "no", "unsure"];

    /// <summary>A label longer than SPSS keeps (255 bytes), with apostrophes and Arabic: split across lines and cut.</summary>
    private static readonly string LongLabel = string.Join(' ', Enumerable.Repeat("Don't we ask 'how often' — كم مرة؟", 12));

    /// <summary>A free-text answer longer than a Stata str2045 holds: stored as a strL.</summary>
    private static readonly string LongAnswer = string.Join(' ', Enumerable.Repeat("zorblat quenmix, it's fine.", 100));

    private static Instrument CommandNamed()
    {
        Choice[] codes = [new("1", LocalizedText.Of("en", "Yes")), new("2", LocalizedText.Of("en", "No")), new("99", LocalizedText.Of("en", "Don't know"))];
        Choice[] words = [new("yes", LocalizedText.Of("en", "Agree")), new("no", LocalizedText.Of("en", "Disagree")), new("unsure", LocalizedText.Of("en", LongLabel))];
        var questions = CommandWords.Select((word, i) => (i % 4) switch
        {
            0 => new Question { Name = word, Type = QuestionType.SelectOne, ListName = "yn", Choices = codes, Labels = LocalizedText.Of("en", "Question " + word) },
            1 => new Question { Name = word, Type = QuestionType.IntegerNumber, Labels = LocalizedText.Of("en", "Number " + word) },
            2 => new Question { Name = word, Type = QuestionType.Text, Labels = LocalizedText.Of("en", i == 2 ? LongLabel : "Text " + word) },
            _ => new Question { Name = word, Type = QuestionType.SelectOne, ListName = "agree", Choices = words, Labels = LocalizedText.Of("en", "Agree " + word) },
        }).ToList();
        var build = Instrument.Create(new InstrumentSettings { FormId = "commands", DefaultLanguage = "en" }, [], questions);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        return build.Instrument!;
    }

    private static List<SurveyResponse> Responses(int count)
    {
        var random = new Random(7);
        return Enumerable.Range(0, count).Select(i => new SurveyResponse(
            $"r{i}",
            new DateOnly(2026, 11, 1 + (i % 28)),
            CommandWords.Select((word, j) => (word, value: (j % 4) switch
            {
                0 => Codes[random.Next(3)],
                1 => random.Next(100).ToString(CultureInfo.InvariantCulture),
                2 => j == 2 && i % 5 == 0 ? LongAnswer : "zorblat " + i.ToString(CultureInfo.InvariantCulture),
                _ => Words[random.Next(3)],
            })).Where(p => p.value != "2" || (p.word.Length % 2) == 0).ToDictionary(p => p.word, p => p.value, StringComparer.Ordinal),
            [])).ToList();
    }

    /// <summary>What each question's column holds after labelling: (value, label) in the order of <see cref="CommandWords"/>.</summary>
    private static (string Value, string Label) Expected(int question, string? raw)
    {
        var label = (question % 4, raw) switch
        {
            (_, null) => string.Empty,
            (0, _) => raw switch { "1" => "Yes", "2" => "No", _ => "Don't know" },
            (3, _) => raw switch { "yes" => "Agree", "no" => "Disagree", _ => LongLabel },
            _ => raw,
        };
        var value = (question % 4, raw) switch
        {
            (_, null) => string.Empty,
            (3, _) => raw switch { "yes" => "1", "no" => "2", _ => "3" },
            _ => raw,
        };
        return (value, label);
    }

    [Fact]
    public void Pspp_runs_the_syntax_in_every_mode_when_questions_are_named_after_every_spss_command_word()
    {
        Assert.True(File.Exists("/usr/bin/pspp"), "PSPP is missing: ./test.sh installs pspp");
        Assert.True(CommandWords.Length > 300, CommandWords.Length.ToString(CultureInfo.InvariantCulture));
        Assert.Contains("comment", CommandWords);
        Assert.Contains("doc", CommandWords);
        var responses = Responses(30);
        var export = SurveyExport.Create(CommandNamed(), responses);
        var syntax = export.Files["commands.sps"];
        var header = export.Files["commands.csv"].Split('\n')[0].Split(',');

        // No line starts with a variable name, indented or not: each starts with one of the writer's commands or, indented,
        // a subcommand, a format, a parenthesis, a code, a "+" joining a split text or INTO. None is longer than SPSS reads whole.
        foreach (var line in syntax.TrimEnd('\n').Split('\n'))
        {
            Assert.Matches(SpssLine(), line);
            Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(line), 1, 256);
        }

        Assert.DoesNotMatch(new Regex("^\\s*(" + string.Join('|', CommandWords) + ")\\b", RegexOptions.Multiline), syntax);

        foreach (var mode in new[] { "auto", "batch", "interactive" })
        {
            var directory = _temp.NewFolder("survey-spss-names-" + mode);
            SurveyExport.WriteTo(export, directory);
            File.AppendAllText(Path.Combine(directory, "commands.sps"), "DISPLAY DICTIONARY.\nSAVE TRANSLATE /OUTFILE='values.csv' /TYPE=CSV /REPLACE /FIELDNAMES.\nSAVE TRANSLATE /OUTFILE='labels.csv' /TYPE=CSV /REPLACE /FIELDNAMES /CELLS=LABELS.\n");
            string[] arguments = mode == "auto" ? ["-O", "format=csv", "commands.sps"] : ["--" + mode, "-O", "format=csv", "commands.sps"];
            var output = ExternalProgram.Run("/usr/bin/pspp", arguments, directory).AssertSuccess().Combined;
            Assert.DoesNotContain("error", output, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("warning", output, StringComparison.OrdinalIgnoreCase);

            // The dictionary: every variable with its label, level and format, in CSV order.
            var variables = output.Split('\n').SkipWhile(l => !l.StartsWith("Table: Variables", StringComparison.Ordinal)).Skip(2).TakeWhile(l => l.Length > 0)
                .Select(l => CsvField().Matches(l).Select(m => m.Groups[1].Success ? m.Groups[1].Value.Replace("\"\"", "\"", StringComparison.Ordinal) : m.Groups[2].Value).ToArray()).ToList();
            Assert.Equal(header, variables.Select(v => v[0]));
            foreach (var (word, i) in CommandWords.Select((w, i) => (w, i)))
            {
                var row = variables[i + 5]; // after response_id, response_date, form_version, language and duration_s; reserved words get "_v"
                Assert.StartsWith(word, row[0], StringComparison.Ordinal);
                var (label, level, format) = (i % 4) switch
                {
                    0 => ("Question " + word, "Nominal", "F2.0"),
                    1 => ("Number " + word, "Scale", "F11.0"),
                    2 => (i == 2 ? SyntaxWriters.TruncateBytes(LongLabel, 255) : "Text " + word, "Nominal", "A32767"),
                    _ => ("Agree " + word, "Nominal", "F1.0"),
                };
                Assert.Equal((label, level, format), (row[2], row[3], row[7]));
            }

            // Every value and its label: numeric choice names are the codes (99 stays 99), word names 1..k.
            var values = ReadCsv(Path.Combine(directory, "values.csv"));
            var labels = ReadCsv(Path.Combine(directory, "labels.csv"));
            Assert.Equal(responses.Count + 1, values.Count);
            for (var q = 0; q < CommandWords.Length; q++)
            {
                var column = q + 5;
                for (var r = 0; r < responses.Count; r++)
                {
                    var (value, label) = Expected(q, responses[r].Answers.GetValueOrDefault(CommandWords[q]));
                    Assert.Equal(value, values[r + 1][column].Trim());
                    Assert.Equal(q % 4 == 3 ? SyntaxWriters.TruncateBytes(label, 120) : label, labels[r + 1][column].Trim());
                }
            }
        }
    }

    [Fact]
    public void R_loads_the_export_with_every_label_when_questions_are_named_after_every_spss_command_word()
    {
        Assert.True(File.Exists("/usr/bin/Rscript"), "R is missing: ./test.sh installs r-base-core");
        var responses = Responses(30);
        var directory = _temp.NewFolder("survey-r-names");
        var export = SurveyExport.Create(CommandNamed(), responses);
        SurveyExport.WriteTo(export, directory);
        File.WriteAllText(Path.Combine(directory, "check.R"), """
            source("commands.R")
            out <- function(...) cat(paste(..., sep = "\t"), "\n", sep = "")
            out("rows", nrow(d))
            for (n in names(d)) out("var", n, attr(d[[n]], "label"), class(d[[n]])[1], paste(levels(d[[n]]), collapse = "|"))
            write.csv(d, "labels.csv", row.names = FALSE, na = "")
            """);
        var lines = ExternalProgram.Run("/usr/bin/Rscript", ["--vanilla", "check.R"], directory).AssertSuccess().Combined
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        Assert.Equal(responses.Count.ToString(CultureInfo.InvariantCulture), lines.Single(l => l[0] == "rows")[1]);
        var variables = lines.Where(l => l[0] == "var").ToList();
        var header = export.Files["commands.csv"].Split('\n')[0].Split(',');
        Assert.Equal(header, variables.Select(v => v[1]));
        for (var q = 0; q < CommandWords.Length; q++)
        {
            var (label, type, levels) = (q % 4) switch
            {
                0 => ("Question " + CommandWords[q], "factor", "Yes|No|Don't know"),
                1 => ("Number " + CommandWords[q], "integer", string.Empty),
                2 => (q == 2 ? LongLabel.Trim() : "Text " + CommandWords[q], "character", string.Empty),
                _ => ("Agree " + CommandWords[q], "factor", "Agree|Disagree|" + LongLabel.Trim()),
            };
            Assert.Equal((label, type, levels), (variables[q + 5][2], variables[q + 5][3], variables[q + 5][4]));
        }

        var rows = ReadCsv(Path.Combine(directory, "labels.csv"));
        for (var q = 0; q < CommandWords.Length; q++)
        {
            for (var r = 0; r < responses.Count; r++)
            {
                var (value, label) = Expected(q, responses[r].Answers.GetValueOrDefault(CommandWords[q]));
                Assert.Equal(q % 4 is 0 or 3 ? label.Trim() : value, rows[r + 1][q + 5]);
            }
        }
    }

    /// <summary>
    /// Stata does not run here: the Stata path is the data file, read back with R's haven (ReadStat, an independent
    /// reader of the format): every value, variable label, value label and display format, a text longer than a
    /// str2045 whole, dates as dates. The do-file's labels are then checked against what haven read.
    /// </summary>
    [Fact]
    public void The_stata_data_file_loads_in_r_haven_with_every_value_and_label()
    {
        Assert.True(File.Exists("/usr/bin/Rscript"), "R is missing: ./test.sh installs r-base-core");
        var responses = Responses(30);
        var directory = _temp.NewFolder("survey-dta-names");
        var export = SurveyExport.Create(CommandNamed(), responses);
        SurveyExport.WriteTo(export, directory);
        var (variables, labels, rows) = ReadDta(directory, "commands.dta");

        var header = export.Files["commands.csv"].Split('\n')[0].Split(',');
        Assert.Equal(header, variables.Select(v => v[1]));
        Assert.Equal(("Response id (random)", "character"), (variables[0][2], variables[0][4]));
        Assert.Equal(("%td", "Date"), (variables[1][3], variables[1][4]));
        for (var q = 0; q < CommandWords.Length; q++)
        {
            var v = variables[q + 5];
            var (label, format, type) = (q % 4) switch
            {
                0 => ("Question " + CommandWords[q], "%12.0g", "haven_labelled"),
                1 => ("Number " + CommandWords[q], "%10.0g", "numeric"),
                2 => (q == 2 ? LongLabel[..79] + "…" : "Text " + CommandWords[q], null, "character"),
                _ => ("Agree " + CommandWords[q], "%12.0g", "haven_labelled"),
            };
            Assert.Equal((label, format ?? v[3], type), (v[2], v[3], v[4]));
        }

        // Value labels: the author's codes with their labels, 1..k for word names.
        string[] Pairs(int q) => labels.Where(l => l[1] == variables[q + 5][1]).Select(l => l[2] + "=" + l[3]).ToArray();
        Assert.Equal(["1=Yes", "2=No", "99=Don't know"], Pairs(0));
        Assert.Equal(["1=Agree", "2=Disagree", "3=" + LongLabel], Pairs(3));
        Assert.Empty(Pairs(1));

        // Every value, and the response dates as Stata dates.
        Assert.Equal(responses.Count, rows.Count - 1);
        for (var r = 0; r < responses.Count; r++)
        {
            Assert.Equal(responses[r].Id, rows[r + 1][0]);
            Assert.Equal(responses[r].Date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), rows[r + 1][1]);
            for (var q = 0; q < CommandWords.Length; q++)
            {
                Assert.Equal(Expected(q, responses[r].Answers.GetValueOrDefault(CommandWords[q])).Value, rows[r + 1][q + 5]);
            }
        }

        Assert.Contains(rows, row => row[7] == LongAnswer.Trim() || row[7] == LongAnswer);

        // The do-file, which reads the CSV instead, defines the same value labels and variable labels.
        var doFile = export.Files["commands.do"];
        foreach (Match define in DoLabelDefine().Matches(doFile))
        {
            var variable = define.Groups["name"].Value[..^"_lbl".Length];
            var pairs = LabelPairs().Matches(define.Groups["pairs"].Value).Select(p => p.Groups["code"].Value + "=" + p.Groups["label"].Value).ToArray();
            Assert.Equal(labels.Where(l => l[1] == variable).Select(l => l[2] + "=" + l[3]), pairs);
        }

        foreach (Match variableLabel in DoLabelVariable().Matches(doFile))
        {
            Assert.Equal(variables.Single(v => v[1] == variableLabel.Groups["name"].Value)[2], variableLabel.Groups["label"].Value);
        }
    }

    /// <summary>
    /// Reads a .dta with haven: the variables (name, label, format, class), the value labels (variable, code,
    /// label) and the rows as R writes them (codes as numbers, dates as yyyy-mm-dd, missing empty).
    /// </summary>
    internal static (List<string[]> Variables, List<string[]> Labels, List<string[]> Rows) ReadDta(string directory, string file)
    {
        File.WriteAllText(Path.Combine(directory, "read_dta.R"), $$"""
            library(haven)
            d <- read_dta("{{file}}")
            out <- function(...) cat(paste(..., sep = "\t"), "\n", sep = "")
            for (n in names(d)) {
              x <- d[[n]]
              label <- attr(x, "label")
              out("var", n, if (is.null(label)) "" else label, attr(x, "format.stata"), class(x)[1])
              l <- attr(x, "labels")
              if (!is.null(l)) for (i in seq_along(l)) out("lbl", n, l[[i]], names(l)[i])
            }
            d[] <- lapply(d, function(x) if (inherits(x, "Date")) format(x, "%Y-%m-%d") else as.vector(zap_labels(x)))
            write.csv(d, "dta.csv", row.names = FALSE, na = "")
            """);
        var lines = ExternalProgram.Run("/usr/bin/Rscript", ["--vanilla", "read_dta.R"], directory).AssertSuccess().Combined
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        Assert.True(lines.All(l => l[0] is "var" or "lbl"), string.Join("\n", lines.Select(l => string.Join(' ', l))));
        return (lines.Where(l => l[0] == "var").ToList(), lines.Where(l => l[0] == "lbl").ToList(), ReadCsv(Path.Combine(directory, "dta.csv")));
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
        Assert.Empty(SurveyExport.Create(CommandNamed(), responses).Warnings);

        // One answer outside the list, and one that would be a command if it reached a syntax file as written.
        var changed = responses.Select((r, i) => i < 2 ? r with { Answers = new Dictionary<string, string>(r.Answers) { [CommandWords[0]] = i == 0 ? "7" : "zorblat\nFINISH." } } : r).ToList();
        var export = SurveyExport.Create(CommandNamed(), changed);
        var warning = Assert.Single(export.Warnings);
        Assert.Equal("comment: 2 answer(s) not in the choice list 'yn' ('7', 'zorblat\nFINISH.'): kept in the CSV, missing in the SPSS and Stata data, NA in R", warning);

        // The codebook counts them; each syntax file says so at the top, with no answer in it.
        var codebook = export.Files["commands_codebook.csv"].Split('\n');
        Assert.EndsWith(",outside_choice_list,not_asked", codebook[0], StringComparison.Ordinal);
        Assert.EndsWith(",2,", codebook.Single(l => l.StartsWith("comment,", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith(",0,", codebook.Single(l => l.StartsWith(CommandWords[3] + ",", StringComparison.Ordinal)), StringComparison.Ordinal); // a select_one with none
        const string Note = "Note: comment: 2 answer(s) not in the choice list yn: missing here; commands.csv keeps them as written";
        Assert.Equal("# " + Note, export.Files["commands.R"].Split('\n')[1]);
        Assert.Equal("* " + Note + ".", export.Files["commands.sps"].Split('\n')[1]);
        Assert.Equal("* " + Note, export.Files["commands.do"].Split('\n')[1]);
        foreach (var syntax in new[] { "commands.R", "commands.sps", "commands.do" })
        {
            Assert.DoesNotContain("FINISH", export.Files[syntax], StringComparison.Ordinal);
            Assert.DoesNotContain("zorblat", export.Files[syntax], StringComparison.Ordinal);
        }

        // PSPP reads every row (the answer's line break is a space in the CSV), the two answers missing.
        var directory = _temp.NewFolder("survey-spss-outside");
        SurveyExport.WriteTo(export, directory);
        File.AppendAllText(Path.Combine(directory, "commands.sps"), "SAVE TRANSLATE /OUTFILE='values.csv' /TYPE=CSV /REPLACE /FIELDNAMES.\n");
        var output = ExternalProgram.Run("/usr/bin/pspp", ["-O", "format=csv", "commands.sps"], directory).AssertSuccess().Combined;
        Assert.DoesNotContain("error", output, StringComparison.OrdinalIgnoreCase);
        var values = ReadCsv(Path.Combine(directory, "values.csv"));
        Assert.Equal(changed.Count + 1, values.Count);
        Assert.Equal([string.Empty, string.Empty], values.Skip(1).Take(2).Select(row => row[5].Trim()));

        // A select_multiple's stray choice is kept in its list column and has no 0/1 column.
        Choice[] choices = [new("a", LocalizedText.Of("en", "A")), new("b", LocalizedText.Of("en", "B"))];
        var multiple = Instrument.Create(new InstrumentSettings { FormId = "m" }, [], [new Question { Name = "q", Type = QuestionType.SelectMultiple, ListName = "ab", Choices = choices }]).Instrument!;
        var many = SurveyExport.Create(multiple, [new SurveyResponse("r", null, new Dictionary<string, string> { ["q"] = "a c" }, [])]);
        Assert.Equal("q: 1 answer(s) not in the choice list 'ab' ('c'): kept in the CSV's list column, in no 0/1 column", Assert.Single(many.Warnings));
        Assert.Equal("r,,,,,a c,1,0,", many.Files["m.csv"].Split('\n')[1]);
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

    [GeneratedRegex("""^(\* .*|GET DATA /TYPE=TXT|RECODE \w+( \(.*)?|EXECUTE\.|DELETE VARIABLES \w+\.|RENAME VARIABLES \(wm_tmp = \w+\)\.|ADD FILES /FILE=\* /KEEP=[\w ]+ ALL\.|VARIABLE LABELS \w+ '.*|VARIABLE LEVEL \w+ \((SCALE|NOMINAL)\)\.|FORMATS \w+ \(F\d+\.0\)\.|VALUE LABELS \w+|  (/[A-Z]+=.*|\(.*|\+ '.*|-?\d+ '.*|INTO wm_tmp\.|(A\d+|F\d+\.\d+|SDATE10)( \w+|\.)))$""")]
    private static partial Regex SpssLine();

    [GeneratedRegex("""^label define (?<name>\w+)(?<pairs>.*), replace$""", RegexOptions.Multiline)]
    private static partial Regex DoLabelDefine();

    [GeneratedRegex("""^label variable (?<name>\w+) `"(?<label>.*)"'$""", RegexOptions.Multiline)]
    private static partial Regex DoLabelVariable();

    /// <summary>PSPP's CSV here has no quoted line breaks: fields split on commas outside quotes.</summary>
    internal static List<string[]> ReadCsv(string path) =>
        File.ReadAllLines(path).Select(line => CsvField().Matches(line).Select(m => m.Groups[1].Success ? m.Groups[1].Value.Replace("\"\"", "\"", StringComparison.Ordinal) : m.Groups[2].Value).ToArray()).ToList();

    [GeneratedRegex("""(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))""")]
    private static partial Regex CsvField();
}
