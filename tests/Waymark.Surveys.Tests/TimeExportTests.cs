using System.Globalization;
using Waymark.Surveys.Export;
using Waymark.Surveys.Responses;
using Waymark.Testing;

namespace Waymark.Surveys.Tests;

/// <summary>
/// <c>time</c> and <c>dateTime</c> answers exported typed, each checked by the real program on its values: R (hms-class
/// seconds after midnight, POSIXct), PSPP (TIME8 and DATETIME20, SPSS's seconds) and Stata's data file read with R's haven
/// (<c>%tcHH:MM:SS</c>, <c>%tc</c>), with the do-file's conversions; a version without the questions gives "not asked".
/// </summary>
public sealed class TimeExportTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("TimeExportTests");

    public void Dispose() => _temp.Dispose();

    private static readonly DateTime Unix = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly DateTime Gregorian = new(1582, 10, 14, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly DateTime Stata = new(1960, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>Both versions ask <c>bedtime</c> (time) and <c>met_at</c> (dateTime); version 2 adds <c>woke</c> and <c>left_at</c>.</summary>
    private static Instrument Version(string version)
    {
        var questions = new List<Question>
        {
            new() { Name = "bedtime", Type = QuestionType.Time, Labels = LocalizedText.Of("en", "Usual bedtime") },
            new() { Name = "met_at", Type = QuestionType.DateTime, Labels = LocalizedText.Of("en", "When did the meeting start?") },
        };
        if (version == "2")
        {
            questions.Add(new() { Name = "woke", Type = QuestionType.Time, Labels = LocalizedText.Of("en", "Woke at") });
            questions.Add(new() { Name = "left_at", Type = QuestionType.DateTime, Labels = LocalizedText.Of("en", "Left at") });
        }

        var build = Instrument.Create(new InstrumentSettings { FormId = "times", Version = version, DefaultLanguage = "en" }, [], questions);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        return build.Instrument!;
    }

    /// <summary>The edges (midnight, 23:59:59, Stata's and SPSS's epochs' neighbourhood, a leap day, before 1960) and seeded values; some unanswered.</summary>
    private static List<SurveyResponse> Responses()
    {
        string[] times = ["00:00:00", "23:59:59", "09:30:00", "12:00:01"];
        string[] moments = ["1960-01-01T00:00:00", "1955-06-01T08:15:30", "2024-02-29T12:00:00", "1999-12-31T23:59:59"];
        var random = new Random(17);
        var responses = new List<SurveyResponse>();
        for (var i = 0; i < 24; i++)
        {
            var time = i < times.Length ? times[i] : new TimeOnly(random.Next(24), random.Next(60), random.Next(60)).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            var moment = i < moments.Length ? moments[i] : new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddSeconds(random.Next(0, 900_000_000)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            var version = i % 3 == 0 ? "1" : "2";
            var answers = new Dictionary<string, string>(StringComparer.Ordinal);
            if (i % 5 != 4)
            {
                answers["bedtime"] = time;
                answers["met_at"] = moment;
            }

            if (version == "2" && i % 4 != 1)
            {
                answers["woke"] = moments[(i + 1) % moments.Length][11..];
                answers["left_at"] = moment;
            }

            responses.Add(new SurveyResponse($"t{i:D2}", new DateOnly(2026, 12, 7), answers, []) { Version = version });
        }

        return responses;
    }

    private static string Answer(SurveyResponse r, string question) => r.Answers.GetValueOrDefault(question) ?? string.Empty;

    private static bool NotAsked(SurveyResponse r, string question) => r.Version == "1" && question is "woke" or "left_at";

    private static readonly string[] Times = ["bedtime", "woke"];
    private static readonly string[] Moments = ["met_at", "left_at"];

    private static double Seconds(string time) => TimeOnly.ParseExact(time, "HH:mm:ss", CultureInfo.InvariantCulture).ToTimeSpan().TotalSeconds;

    private static double SecondsSince(DateTime epoch, string moment) =>
        (DateTime.ParseExact(moment, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) - epoch).TotalSeconds;

    private static ExportFiles Export(out List<SurveyResponse> responses)
    {
        responses = Responses();
        var export = SurveyExport.Create(Version("2"), responses, "en", [Version("1")]);
        Assert.Empty(export.Warnings);
        return export;
    }

    [Fact]
    public void The_csv_keeps_the_answers_as_given_and_the_codebook_names_the_types()
    {
        var export = Export(out var responses);
        var rows = export.Files["times.csv"].TrimEnd('\n').Split('\n').Select(l => l.Split(',')).ToList();
        Assert.Equal(["response_id", "response_date", "form_version", "language", "duration_s", "bedtime", "met_at", "woke", "left_at", "flags"], rows[0]);
        Assert.Equal(("00:00:00", "1960-01-01T00:00:00", "-97"), (rows[1][5], rows[1][6], rows[1][7]));
        var codebook = export.Files["times_codebook.csv"];
        Assert.Contains("bedtime,bedtime,Usual bedtime,time,", codebook, StringComparison.Ordinal);
        Assert.Contains("met_at,met_at,When did the meeting start?,dateTime,", codebook, StringComparison.Ordinal);
        Assert.Equal(responses.Count + 1, rows.Count);
    }

    [Fact]
    public void R_reads_times_as_hms_seconds_and_date_times_as_posixct_with_the_same_clock()
    {
        Assert.True(File.Exists("/usr/bin/Rscript"), "R is missing: ./test.sh installs r-base-core");
        var export = Export(out var responses);
        var directory = _temp.NewFolder("survey-times-r");
        SurveyExport.WriteTo(export, directory);
        File.WriteAllText(Path.Combine(directory, "check.R"), """
            source("times.R")
            out <- function(...) cat(paste(..., sep = "\t"), "\n", sep = "")
            for (n in c("bedtime", "met_at", "woke", "left_at")) out("class", n, paste(class(d[[n]]), collapse = " "), attr(d[[n]], "label"), attr(d[[n]], "tzone"))
            out("units", attr(d$bedtime, "units"))
            x <- d$bedtime
            attr(x, "label") <- NULL
            out("same_as_hms", identical(x, hms::as_hms(read.csv("times.csv", colClasses = "character", na.strings = "")$bedtime)))
            for (i in seq_len(nrow(d))) out("row", d$response_id[i], as.numeric(d$bedtime[i]), as.numeric(d$woke[i]),
              format(d$met_at[i], "%Y-%m-%dT%H:%M:%S"), format(d$left_at[i], "%Y-%m-%dT%H:%M:%S"), isTRUE(attr(d$woke, "not_asked")[i]))
            """);
        var lines = ExternalProgram.Run("/usr/bin/Rscript", ["--vanilla", "check.R"], directory).AssertSuccess().Combined
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        string[] Line(string kind, string key) => lines.Single(l => l[0] == kind && l[1] == key);

        Assert.Equal(["class", "bedtime", "hms difftime", "Usual bedtime", string.Empty], Line("class", "bedtime"));
        Assert.Equal(["class", "met_at", "POSIXct POSIXt", "When did the meeting start?", "UTC"], Line("class", "met_at"));
        Assert.Equal("hms difftime", Line("class", "woke")[2]);
        Assert.Equal("secs", lines.Single(l => l[0] == "units")[1]);
        Assert.Equal("TRUE", lines.Single(l => l[0] == "same_as_hms")[1]);
        foreach (var r in responses)
        {
            var row = Line("row", r.Id);
            string Time(string q) => Answer(r, q).Length == 0 || NotAsked(r, q) ? "NA" : Seconds(Answer(r, q)).ToString(CultureInfo.InvariantCulture);
            string Moment(string q) => Answer(r, q).Length == 0 || NotAsked(r, q) ? "NA" : Answer(r, q);
            Assert.Equal([Time("bedtime"), Time("woke"), Moment("met_at"), Moment("left_at"), NotAsked(r, "woke") ? "TRUE" : "FALSE"], row[2..]);
        }
    }

    [Fact]
    public void Pspp_reads_times_and_date_times_as_spss_seconds_with_time_and_datetime_formats()
    {
        Assert.True(File.Exists("/usr/bin/pspp"), "PSPP is missing: ./test.sh installs pspp");
        var export = Export(out var responses);
        var directory = _temp.NewFolder("survey-times-spss");
        SurveyExport.WriteTo(export, directory);
        File.AppendAllText(Path.Combine(directory, "times.sps"), """
            DISPLAY DICTIONARY /VARIABLES=bedtime met_at woke left_at.
            SAVE TRANSLATE /OUTFILE='shown.csv' /TYPE=CSV /REPLACE /FIELDNAMES.
            FORMATS bedtime met_at woke left_at (F20.0).
            SAVE TRANSLATE /OUTFILE='values.csv' /TYPE=CSV /REPLACE /FIELDNAMES.
            SAVE TRANSLATE /OUTFILE='system.csv' /TYPE=CSV /REPLACE /FIELDNAMES /MISSING=RECODE.

            """);
        var output = ExternalProgram.Run("/usr/bin/pspp", ["-O", "format=csv", "times.sps"], directory).AssertSuccess().Combined;
        Assert.DoesNotContain("error", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("warning", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("TIME8", output, StringComparison.Ordinal);
        Assert.Contains("DATETIME20", output, StringComparison.Ordinal);
        Assert.Contains("Usual bedtime", output, StringComparison.Ordinal);
        Assert.Contains("Scale", output, StringComparison.Ordinal);

        var values = ExportSafetyTests.ReadCsv(Path.Combine(directory, "values.csv"));
        var system = ExportSafetyTests.ReadCsv(Path.Combine(directory, "system.csv"));
        var shown = ExportSafetyTests.ReadCsv(Path.Combine(directory, "shown.csv"));
        Assert.Equal(export.Files["times.csv"].Split('\n')[0].Split(','), values[0]);
        Assert.Equal(responses.Count + 1, values.Count);
        int Column(string name) => Array.IndexOf(values[0], name);
        for (var i = 0; i < responses.Count; i++)
        {
            var r = responses[i];
            foreach (var q in Times.Concat(Moments))
            {
                var answer = Answer(r, q);
                var expected = NotAsked(r, q) ? "-97"
                    : answer.Length == 0 ? string.Empty
                    : (Times.Contains(q) ? Seconds(answer) : SecondsSince(Gregorian, answer)).ToString("0", CultureInfo.InvariantCulture);
                Assert.Equal(expected, values[i + 1][Column(q)].Trim());
                Assert.Equal(NotAsked(r, q) ? string.Empty : expected, system[i + 1][Column(q)].Trim()); // -97 is user-missing
            }
        }

        // As shown with their formats: the first response's midnight and Stata's epoch.
        Assert.Equal(("00:00:00", "01/01/1960 00:00:00"), (shown[1][Column("bedtime")].Trim(), shown[1][Column("met_at")].Trim()));
    }

    [Fact]
    public void The_stata_data_file_holds_tc_clocks_that_haven_reads_back_and_the_do_file_converts_the_same_way()
    {
        Assert.True(File.Exists("/usr/bin/Rscript"), "R is missing: ./test.sh installs r-base-core");
        var export = Export(out var responses);
        var directory = _temp.NewFolder("survey-times-dta");
        SurveyExport.WriteTo(export, directory);
        var (variables, labels, rows) = ExportSafetyTests.ReadDta(directory, "times.dta");

        string[] Variable(string name) => variables.Single(v => v[1] == name);
        Assert.Equal(["var", "bedtime", "Usual bedtime", "%tcHH:MM:SS", "POSIXct"], Variable("bedtime"));
        Assert.Equal(["var", "met_at", "When did the meeting start?", "%tc", "POSIXct"], Variable("met_at"));
        Assert.Equal(("%tcHH:MM:SS", "%tc"), (Variable("woke")[3], Variable("left_at")[3]));
        Assert.Contains(labels, l => l[1] == "woke" && l[3] == ExportPlan.NotAskedLabel);

        // haven gives a %tc value as a POSIXct: seconds since 1970 (a time falls on 1 Jan 1960).
        int Column(string name) => Array.IndexOf(rows[0], name);
        for (var i = 0; i < responses.Count; i++)
        {
            var r = responses[i];
            foreach (var q in Times.Concat(Moments))
            {
                var answer = Answer(r, q);
                var expected = NotAsked(r, q) || answer.Length == 0 ? string.Empty
                    : (Times.Contains(q) ? (Stata - Unix).TotalSeconds + Seconds(answer) : SecondsSince(Unix, answer)).ToString("R", CultureInfo.InvariantCulture);
                Assert.Equal(expected, rows[i + 1][Column(q)]);
            }
        }

        // The do-file (Stata does not run here) makes the same values from the CSV with Stata's own functions.
        var doFile = export.Files["times.do"].Split('\n');
        Assert.Contains("generate double _wm_tmp = hms(real(substr(bedtime, 1, 2)), real(substr(bedtime, 4, 2)), real(substr(bedtime, 7, 2)))", doFile);
        Assert.Contains("format bedtime %tcHH:MM:SS", doFile);
        Assert.Contains("generate double _wm_tmp = clock(subinstr(met_at, \"T\", \" \", 1), \"YMDhms\")", doFile);
        Assert.Contains("format met_at %tc", doFile);
        Assert.Contains("replace _wm_tmp = .a if woke == `\"-97\"'", doFile);
        Assert.Contains("label define woke_lbl .a `\"Not asked in this version\"', replace", doFile);
    }
}
