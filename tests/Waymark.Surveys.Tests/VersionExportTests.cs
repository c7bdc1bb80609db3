using Waymark.Surveys.Export;
using Waymark.Surveys.Responses;
using Waymark.Testing;

namespace Waymark.Surveys.Tests;

/// <summary>
/// Responses given in two versions of one form, exported together: each response's version, language and duration, and
/// "not asked in this version" told apart from "unanswered" in the CSV, the codebook, R, PSPP and Stata's data file (read
/// with R's haven), each by the real program.
/// </summary>
public sealed class VersionExportTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("VersionExportTests");

    public void Dispose() => _temp.Dispose();

    private static Choice[] Choices(params string[] names) => names.Select(n => new Choice(n, LocalizedText.Of("en", "Label " + n))).ToArray();

    /// <summary>Version 1 asks <c>removed</c>; version 2 drops it and adds <c>added</c> (select_multiple), <c>weight</c> and <c>since</c>.</summary>
    private static Instrument Version(string version)
    {
        var questions = new List<Question>
        {
            new() { Name = "age", Type = QuestionType.IntegerNumber, Labels = LocalizedText.Of("en", "Age") },
            new() { Name = "mood", Type = QuestionType.SelectOne, ListName = "mood", Choices = Choices("good", "bad"), Labels = LocalizedText.Of("en", "Mood") },
            new() { Name = "comment", Type = QuestionType.Text, Labels = LocalizedText.Of("en", "Comment") },
        };
        if (version == "1")
        {
            questions.Add(new() { Name = "removed", Type = QuestionType.SelectOne, ListName = "yn", Choices = Choices("yes", "no"), Labels = LocalizedText.Of("en", "Removed later") });
        }
        else
        {
            questions.Add(new() { Name = "added", Type = QuestionType.SelectMultiple, ListName = "ab", Choices = Choices("a", "b"), Labels = LocalizedText.Of("en", "Added later") });
            questions.Add(new() { Name = "weight", Type = QuestionType.DecimalNumber, Labels = LocalizedText.Of("en", "Weight") });
            questions.Add(new() { Name = "since", Type = QuestionType.Date, Labels = LocalizedText.Of("en", "Since") });
        }

        var build = Instrument.Create(new InstrumentSettings { FormId = "mix", Version = version, DefaultLanguage = "en" }, [], questions);
        Assert.True(build.IsSuccess, string.Join("\n", build.Problems));
        return build.Instrument!;
    }

    private static SurveyResponse Response(string id, string version, params (string Key, string Value)[] answers) =>
        new(id, new DateOnly(2026, 12, 1), answers.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal), [])
        {
            Version = version,
            Language = version == "1" ? "ar" : "en",
            DurationSeconds = 120,
        };

    /// <summary>v1 responses answer <c>removed</c> (one skips it); v2 responses answer the new questions (one skips them all).</summary>
    private static List<SurveyResponse> Mixed() =>
    [
        Response("r1", "1", ("age", "30"), ("mood", "good"), ("removed", "yes"), ("comment", "fine")),
        Response("r2", "1", ("age", "41"), ("mood", "bad")),
        Response("r3", "2", ("age", "25"), ("mood", "good"), ("added", "a b"), ("weight", "61.5"), ("since", "2026-11-30")),
        Response("r4", "2", ("age", "52")),
    ];

    [Fact]
    public void The_csv_and_codebook_tell_not_asked_from_unanswered_and_carry_version_language_and_duration()
    {
        var export = SurveyExport.Create(Version("2"), Mixed(), "en", [Version("1")]);
        Assert.Empty(export.Warnings);
        var rows = export.Files["mix.csv"].TrimEnd('\n').Split('\n').Select(l => l.Split(',')).ToList();
        Assert.Equal(
            ["response_id", "response_date", "form_version", "language", "duration_s", "age", "mood", "comment", "added", "added_a", "added_b", "weight", "since", "removed", "flags"],
            rows[0]);
        string Cell(string id, string variable) => rows.Single(r => r[0] == id)[Array.IndexOf(rows[0], variable)];
        Assert.Equal(("1", "ar", "120"), (Cell("r1", "form_version"), Cell("r1", "language"), Cell("r1", "duration_s")));

        // Version 1 was never asked the new questions; version 2 was never asked "removed".
        Assert.All(["added", "added_a", "added_b", "weight", "since"], v => Assert.Equal("-97", Cell("r1", v)));
        Assert.Equal(("yes", "-97", "-97"), (Cell("r1", "removed"), Cell("r3", "removed"), Cell("r4", "removed")));

        // Unanswered stays empty: r2 skipped "removed" and "comment", r4 skipped everything new.
        Assert.Equal((string.Empty, string.Empty), (Cell("r2", "removed"), Cell("r2", "comment")));
        Assert.All(["added", "added_a", "weight", "since", "mood"], v => Assert.Equal(string.Empty, Cell("r4", v)));
        Assert.Equal(("a b", "1", "61.5"), (Cell("r3", "added"), Cell("r3", "added_b"), Cell("r3", "weight")));

        var codebook = export.Files["mix_codebook.csv"].Split('\n').Select(l => l.Split(',')).ToList();
        Assert.Equal("not_asked", codebook[0][^1]); // the last column (other fields hold commas)
        Assert.Equal("2", codebook.Single(r => r[0] == "removed")[^1]);
        Assert.Equal("2", codebook.Single(r => r[0] == "weight")[^1]);
        Assert.Equal(string.Empty, codebook.Single(r => r[0] == "age")[^1]);
        Assert.Contains("\"yes=Label yes (code 1); no=Label no (code 2); missing -97=Not asked in this version (the question was not in the form version of the response)\"", export.Files["mix_codebook.csv"], StringComparison.Ordinal);
        Assert.Contains("Removed later (version 1)", export.Files["mix_codebook.csv"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_code_moves_when_an_answer_is_minus_97()
    {
        var responses = Mixed();
        responses.Add(Response("r5", "1", ("age", "-97")));
        var export = SurveyExport.Create(Version("2"), responses, "en", [Version("1")]);
        var rows = export.Files["mix.csv"].TrimEnd('\n').Split('\n').Select(l => l.Split(',')).ToList();
        Assert.Equal("-997", rows.Single(r => r[0] == "r1")[Array.IndexOf(rows[0], "weight")]);
        Assert.Equal("-97", rows.Single(r => r[0] == "r5")[Array.IndexOf(rows[0], "age")]);
    }

    [Fact]
    public void Answers_no_form_given_can_place_are_kept_in_a_named_column_with_a_warning()
    {
        // Decrypting with the older form only: version 2's answers have no question in it.
        var export = SurveyExport.Create(Version("1"), Mixed(), "en");
        var header = export.Files["mix.csv"].Split('\n')[0].Split(',');
        Assert.Equal(["added", "since", "weight", "flags"], header[^4..]);
        Assert.Contains(export.Warnings, w => w.StartsWith("weight: 1 answer(s) given in version 2 to a question the form used (version 1) does not have", StringComparison.Ordinal));
        Assert.Contains(export.Warnings, w => w.StartsWith("added: 1 answer(s)", StringComparison.Ordinal));

        // A version whose form was not given: said, since its missing questions cannot be told from unanswered.
        var unknown = SurveyExport.Create(Version("2"), Mixed(), "en");
        Assert.Contains(unknown.Warnings, w => w.StartsWith("2 response(s) were given in version 1, whose form was not given", StringComparison.Ordinal));
        Assert.Contains("removed", unknown.Files["mix.csv"].Split('\n')[0].Split(','));
    }

    [Fact]
    public void Response_lines_carry_version_language_and_duration()
    {
        var response = Mixed()[0];
        var (read, error) = ResponseLines.Read(new StringReader(ResponseLines.Write(response) + "\n" + ResponseLines.Write(response with { Version = null, Language = null, DurationSeconds = null })));
        Assert.Null(error);
        Assert.Equal(("1", "ar", (int?)120), (read[0].Version, read[0].Language, read[0].DurationSeconds));
        Assert.Equal((null, null, (int?)null), (read[1].Version, read[1].Language, read[1].DurationSeconds));
    }

    [Fact]
    public void R_reads_not_asked_as_NA_with_the_not_asked_attribute()
    {
        Assert.True(File.Exists("/usr/bin/Rscript"), "R is missing: ./test.sh installs r-base-core");
        var directory = _temp.NewFolder("version-export-r");
        SurveyExport.WriteTo(SurveyExport.Create(Version("2"), Mixed(), "en", [Version("1")]), directory);
        File.WriteAllText(Path.Combine(directory, "check.R"), """
            source("mix.R")
            out <- function(...) cat(paste(..., sep = "\t"), "\n", sep = "")
            for (v in c("removed", "added", "added_a", "weight", "since", "mood")) {
              out(v, class(d[[v]])[1], paste(is.na(d[[v]]), collapse = " "), paste(attr(d[[v]], "not_asked"), collapse = " "))
            }
            out("levels", paste(levels(d$removed), collapse = "|"))
            out("meta", paste(d$form_version, collapse = " "), paste(d$language, collapse = " "), class(d$duration_s), sum(d$duration_s))
            out("weight_mean", mean(d$weight, na.rm = TRUE))
            """);
        var lines = ExternalProgram.Run("/usr/bin/Rscript", ["--vanilla", "check.R"], directory).AssertSuccess().Combined
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToDictionary(l => l[0]);

        // Rows r1 r2 (version 1), r3 r4 (version 2): NA for both kinds of missing, the attribute only for not asked.
        Assert.Equal(["removed", "factor", "FALSE TRUE TRUE TRUE", "FALSE FALSE TRUE TRUE"], lines["removed"]);
        Assert.Equal(["added_a", "integer", "TRUE TRUE FALSE TRUE", "TRUE TRUE FALSE FALSE"], lines["added_a"]);
        Assert.Equal(["weight", "numeric", "TRUE TRUE FALSE TRUE", "TRUE TRUE FALSE FALSE"], lines["weight"]);
        Assert.Equal(["since", "Date", "TRUE TRUE FALSE TRUE", "TRUE TRUE FALSE FALSE"], lines["since"]);
        Assert.Equal(["mood", "factor", "FALSE FALSE FALSE TRUE", string.Empty], lines["mood"]);
        Assert.Equal("Label yes|Label no", lines["levels"][1]);
        Assert.Equal(["meta", "1 1 2 2", "ar ar en en", "integer", "480"], lines["meta"]);
        Assert.Equal(["weight_mean", "61.5"], lines["weight_mean"]);
    }

    [Fact]
    public void Pspp_reads_not_asked_as_a_labelled_user_missing_value()
    {
        Assert.True(File.Exists("/usr/bin/pspp"), "PSPP is missing: ./test.sh installs pspp");
        var directory = _temp.NewFolder("version-export-spss");
        SurveyExport.WriteTo(SurveyExport.Create(Version("2"), Mixed(), "en", [Version("1")]), directory);
        File.AppendAllText(Path.Combine(directory, "mix.sps"), """
            SAVE TRANSLATE /OUTFILE='values.csv' /TYPE=CSV /REPLACE /FIELDNAMES.
            SAVE TRANSLATE /OUTFILE='labels.csv' /TYPE=CSV /REPLACE /FIELDNAMES /CELLS=LABELS.
            SAVE TRANSLATE /OUTFILE='system.csv' /TYPE=CSV /REPLACE /FIELDNAMES /MISSING=RECODE.
            FREQUENCIES weight removed.

            """);
        var output = ExternalProgram.Run("/usr/bin/pspp", ["-O", "format=csv", "mix.sps"], directory).AssertSuccess().Combined;
        Assert.DoesNotContain("error", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("warning", output, StringComparison.OrdinalIgnoreCase);

        List<string[]> Read(string file) => File.ReadAllLines(Path.Combine(directory, file)).Select(l => l.Split(',')).ToList();
        var values = Read("values.csv");
        var labels = Read("labels.csv");
        var system = Read("system.csv");
        var header = values[0];
        string Get(List<string[]> rows, string id, string variable) => rows.Single(r => r[0].Trim() == id)[Array.IndexOf(header, variable)].Trim();

        // The code, its label, and missing: with /MISSING=RECODE every user-missing value becomes system-missing.
        Assert.Equal(("-97", "Not asked in this version", string.Empty), (Get(values, "r3", "removed"), Get(labels, "r3", "removed"), Get(system, "r3", "removed")));
        Assert.Equal(("-97", "Not asked in this version"), (Get(values, "r1", "weight"), Get(labels, "r1", "added_a")));
        Assert.Equal(("1", "Label yes"), (Get(values, "r1", "removed"), Get(labels, "r1", "removed")));
        Assert.Equal((string.Empty, string.Empty), (Get(values, "r2", "removed"), Get(values, "r4", "weight")));
        Assert.Equal("11/30/2026", Get(values, "r3", "since")); // PSPP writes dates month first
        Assert.Equal(string.Empty, Get(system, "r1", "since"));
        Assert.Equal(("2", "ar", "120"), (Get(values, "r3", "form_version"), Get(values, "r1", "language"), Get(values, "r1", "duration_s")));
        Assert.Equal("-97", Get(values, "r1", "added"));
    }

    [Fact]
    public void The_stata_data_file_holds_not_asked_as_a_labelled_dot_a()
    {
        Assert.True(File.Exists("/usr/bin/Rscript"), "R is missing: ./test.sh installs r-base-core");
        var directory = _temp.NewFolder("version-export-dta");
        var export = SurveyExport.Create(Version("2"), Mixed(), "en", [Version("1")]);
        SurveyExport.WriteTo(export, directory);
        File.WriteAllText(Path.Combine(directory, "check.R"), """
            library(haven)
            d <- read_dta("mix.dta")
            out <- function(...) cat(paste(..., sep = "\t"), "\n", sep = "")
            for (v in c("removed", "added_a", "weight", "since", "age")) {
              x <- d[[v]]
              tags <- ifelse(is_tagged_na(x), na_tag(x), ifelse(is.na(x), "NA", "value"))
              l <- attr(x, "labels")
              out(v, paste(tags, collapse = " "), if (is.null(l)) "" else paste(ifelse(is_tagged_na(l), paste0(".", na_tag(l)), as.character(l)), names(l), sep = "=", collapse = "|"))
            }
            out("meta", paste(d$form_version, collapse = " "), paste(d$duration_s, collapse = " "))
            """);
        var lines = ExternalProgram.Run("/usr/bin/Rscript", ["--vanilla", "check.R"], directory).AssertSuccess().Combined
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToDictionary(l => l[0]);
        Assert.Equal(["removed", "value NA a a", "1=Label yes|2=Label no|.a=Not asked in this version"], lines["removed"]);
        Assert.Equal(["added_a", "a a value NA", "0=not chosen|1=chosen|.a=Not asked in this version"], lines["added_a"]);
        Assert.Equal(["weight", "a a value NA", ".a=Not asked in this version"], lines["weight"]);
        Assert.Equal(["since", "a a value NA", ".a=Not asked in this version"], lines["since"]);
        Assert.Equal(["age", "value value value value", string.Empty], lines["age"]);
        Assert.Equal(["meta", "1 1 2 2", "120 120 120 120"], lines["meta"]);

        // The do-file, which reads the CSV, says the same: .a for the code, with its label.
        var doFile = export.Files["mix.do"];
        Assert.Contains("replace weight = \".a\" if weight == `\"-97\"'\ndestring weight, replace\n", doFile, StringComparison.Ordinal);
        Assert.Contains("label define removed_lbl 1 `\"Label yes\"' 2 `\"Label no\"' .a `\"Not asked in this version\"', replace\n", doFile, StringComparison.Ordinal);
        Assert.Contains("replace _wm_tmp = .a if since == `\"-97\"'\n", doFile, StringComparison.Ordinal);
    }

    [Fact]
    public void The_diff_between_versions_names_added_removed_retyped_and_rechoiced_questions()
    {
        var changes = InstrumentDiff.Compare(Version("1"), Version("2"));
        Assert.Equal(
            [("added", QuestionChangeKind.Added, "select_multiple ab"), ("weight", QuestionChangeKind.Added, "decimal"), ("since", QuestionChangeKind.Added, "date"), ("removed", QuestionChangeKind.Removed, "select_one yn")],
            changes.Select(c => (c.Question, c.Kind, c.Detail)));

        var first = Version("1");
        var retyped = Instrument.Create(first.Settings, [], [
            new Question { Name = "age", Type = QuestionType.Text },
            new Question { Name = "mood", Type = QuestionType.SelectOne, ListName = "mood", Choices = Choices("bad", "good") },
            new Question { Name = "comment", Type = QuestionType.Text },
            new Question { Name = "removed", Type = QuestionType.SelectOne, ListName = "yn", Choices = Choices("yes", "maybe") },
        ]).Instrument!;
        Assert.Equal(
            [("age", QuestionChangeKind.TypeChanged, "integer → text"), ("mood", QuestionChangeKind.ChoicesChanged, "choices in another order: bad, good"), ("removed", QuestionChangeKind.ChoicesChanged, "choices added: maybe; choices removed: no")],
            InstrumentDiff.Compare(first, retyped).Select(c => (c.Question, c.Kind, c.Detail)));
        Assert.Empty(InstrumentDiff.Compare(first, Version("1")));
    }
}
