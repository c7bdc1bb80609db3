using System.Globalization;
using System.Text;
using Waymark.Csv;
using Waymark.Surveys.Responses;

namespace Waymark.Surveys.Export;

/// <summary>
/// The files of one export, by file name: the text files (<see cref="Files"/>) and the binary ones (<see cref="BinaryFiles"/>:
/// the Stata data file), and what the analyst must know about the data (answers outside a choice list).
/// </summary>
public sealed record ExportFiles(IReadOnlyDictionary<string, string> Files)
{
    public IReadOnlyDictionary<string, byte[]> BinaryFiles { get; init; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// Every file of the export (each table's data, spreadsheet CSV, codebook, R, SPSS and Stata files, repeats included) in one
    /// zip archive, in name order, each dated <paramref name="modified"/>: what "download all" sends.
    /// </summary>
    public byte[] Zip(DateTimeOffset modified)
    {
        using var buffer = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in Files.Keys.Concat(BinaryFiles.Keys).Order(StringComparer.Ordinal))
            {
                var entry = archive.CreateEntry(name, System.IO.Compression.CompressionLevel.Optimal);
                entry.LastWriteTime = modified;
                using var stream = entry.Open();
                stream.Write(Bytes(name));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A file's bytes (text files as UTF-8 without a byte order mark), or null when the export has no such file.</summary>
    public byte[]? Bytes(string name) =>
        BinaryFiles.TryGetValue(name, out var bytes) ? bytes
        : Files.TryGetValue(name, out var text) ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text)
        : null;
}

/// <summary>The suffixes of an export's file names after the form id (<c>F.csv</c>, <c>F_codebook.csv</c>, …).</summary>
public static class ExportFileSuffix
{
    /// <summary>The data as the R, SPSS and Stata files read it: every value raw.</summary>
    public const string Data = ".csv";

    /// <summary>The same rows for spreadsheets: values that a spreadsheet would run as a formula are neutralised.</summary>
    public const string Spreadsheet = "_spreadsheet.csv";

    public const string Codebook = "_codebook.csv";
    public const string R = ".R";
    public const string Spss = ".sps";
    public const string Stata = ".do";

    /// <summary>The Stata data file: the rows with their labels, opened with <c>use</c> (nothing to run).</summary>
    public const string StataData = ".dta";
}

/// <summary>
/// The public entry point of the exports: a CSV with one row per response (select_multiple as one 0/1 column
/// per choice plus the raw list; flags as a list and one 0/1 column per flag), the same rows for
/// spreadsheets with formula-like values neutralised, a codebook, and R, SPSS and Stata syntax that read
/// the raw CSV and label variables and values. Labels in <c>language</c>.
/// </summary>
public static class SurveyExport
{
    /// <summary>
    /// The files for <paramref name="responses"/> laid out by <paramref name="instrument"/>. <paramref name="versions"/>: other
    /// versions of the same form that responses may have been given in (<see cref="SurveyResponse.Version"/>): a question
    /// missing from a response's version is coded "not asked" (<c>-97</c>, labelled in every file), apart from an unanswered one,
    /// and the questions only another version has get their own columns. An answer no form given can place is kept as a text
    /// column at the end and named in <see cref="ExportFiles.Warnings"/>.
    /// </summary>
    public static ExportFiles Create(Instrument instrument, IReadOnlyList<SurveyResponse> responses, string? language = null, IReadOnlyList<Instrument>? versions = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(responses);
        var lang = language ?? instrument.FallbackLanguage ?? LocalizedText.DefaultKey;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var binary = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var warnings = new List<string>();
        var name = BaseName(instrument.Settings.FormId);
        Table(ExportPlan.Build(instrument, responses, lang, versions), instrument.Questions.Where(q => instrument.RepeatOf(q.Name) is null), responses, name, files, binary, warnings);
        foreach (var repeat in instrument.Repeats)
        {
            // A long table per repeat (one row per instance with its response's id), with its own codebook and syntax files.
            Table(ExportPlan.BuildRepeat(instrument, repeat, lang), instrument.QuestionsOf(repeat), ExportPlan.RepeatRows(instrument, repeat, responses), RepeatBaseName(name, repeat.Name), files, binary, warnings);
        }

        return new ExportFiles(files) { BinaryFiles = binary, Warnings = warnings };
    }

    /// <summary>The name a repeat's table files start with: <c>F_REPEAT</c> (<c>F_REPEAT_repeat</c> when that is a name the main table's files use).</summary>
    public static string RepeatBaseName(string baseName, string repeat)
    {
        var name = BaseName(repeat);
        return baseName + "_" + (name is "codebook" or "spreadsheet" ? name + "_repeat" : name);
    }

    /// <summary>One table's files (CSV, spreadsheet CSV, codebook, R, SPSS, Stata syntax and data) named <paramref name="name"/> plus their suffixes.</summary>
    private static void Table(ExportPlan plan, IEnumerable<Question> questions, IReadOnlyList<SurveyResponse> responses, string name, Dictionary<string, string> files, Dictionary<string, byte[]> binary, List<string> warnings)
    {
        var csvFile = name + ExportFileSuffix.Data;
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        // A byte order mark, so that spreadsheets read the file as UTF-8 (R, SPSS and Stata read the raw CSV).
        var spreadsheet = new StringWriter(CultureInfo.InvariantCulture);
        spreadsheet.Write('\uFEFF');
        using (var raw = new CsvWriter(csv, CsvDialect.Rfc4180))
        using (var sheet = new CsvWriter(spreadsheet, CsvDialect.Spreadsheet))
        {
            raw.WriteRow(plan.Columns.Select(c => c.Variable));
            sheet.WriteRow(plan.Columns.Select(c => c.Variable));
            foreach (var response in responses)
            {
                var row = plan.Columns.Select(c => plan.Cell(c, response)).ToList();
                raw.WriteRow(row);
                sheet.WriteRow(row);
            }
        }

        // Answers outside their choice list: a warning each, a count in the codebook, a note at the top of each syntax file.
        var outside = OutOfList(questions, plan, responses);
        var notes = outside.Select(o => o.Note(csvFile)).ToList();
        if (plan.Columns.Any(c => plan.NotAskedCount(c) > 0))
        {
            notes.Add($"{plan.NotAskedCode} in {csvFile} means '{ExportPlan.NotAskedLabel}' (the question was not in the form version of the response, see form_version): missing here, told apart from unanswered");
        }


        // The codebook is read in spreadsheets too: its labels (from the instrument) are neutralised like the answers.
        List<string[]> codebookRows = [["variable", "question", "label", "type", "values", "in_spreadsheet_csv", "outside_choice_list", "not_asked"]];
        foreach (var c in plan.Columns)
        {
            var notAsked = plan.NotAskedCount(c);
            var values = string.Join("; ", c.Values.Select((v, i) => c.Kind == ColumnKind.SelectOne ? $"{v.Value}={v.Label} (code {c.Codes[i].ToString(System.Globalization.CultureInfo.InvariantCulture)})" : $"{v.Value}={v.Label}")
                .Concat(notAsked > 0 ? [$"missing {plan.NotAskedCode}={ExportPlan.NotAskedLabel} (the question was not in the form version of the response)"] : []));
            var inSpreadsheet = c.Kind is ColumnKind.Text or ColumnKind.SelectOne or ColumnKind.SelectMultipleRaw or ColumnKind.FormVersion or ColumnKind.AnswerLanguage
                ? $"a value starting with = + - @, a tab or a carriage return (other than a number) starts with an added {CsvDialect.Neutraliser} so that no spreadsheet runs it as a formula; {csvFile} has the raw value"
                : "as in " + csvFile;
            var count = c.Kind is ColumnKind.SelectOne or ColumnKind.SelectMultipleRaw
                ? (outside.FirstOrDefault(o => o.Column == c)?.Count ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : string.Empty;
            var question = c.Question is null or ExportPlan.InstanceKey ? string.Empty : c.Question;
            codebookRows.Add([c.Variable, question, c.Label, c.TypeName, values, inSpreadsheet, count, notAsked > 0 ? notAsked.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty]);
        }

        files[csvFile] = csv.ToString();
        files[name + ExportFileSuffix.Spreadsheet] = spreadsheet.ToString();
        files[name + ExportFileSuffix.Codebook] = CsvWriter.ToText(CsvDialect.Spreadsheet, codebookRows);
        files[name + ExportFileSuffix.R] = SyntaxWriters.R(plan, csvFile, notes);
        files[name + ExportFileSuffix.Spss] = SyntaxWriters.Spss(plan, csvFile, notes);
        files[name + ExportFileSuffix.Stata] = SyntaxWriters.Stata(plan, csvFile, notes);
        binary[name + ExportFileSuffix.StataData] = DtaWriter.Write(plan, responses);
        warnings.AddRange(plan.Warnings);
        warnings.AddRange(outside.Select(o => o.Warning));
    }

    /// <summary>The answers of one select question that are not in its choice list.</summary>
    private sealed record Outside(ExportColumn Column, string ListName, int Count, IReadOnlyList<string> Values, bool Multiple)
    {
        /// <summary>For the analyst (CLI, console): the variable, the count and up to five of the values.</summary>
        public string Warning => $"{Column.Variable}: {Count} answer(s) not in the choice list '{ListName}' ({string.Join(", ", Values.Take(5).Select(v => $"'{v}'"))}): "
            + (Multiple ? "kept in the CSV's list column, in no 0/1 column" : "kept in the CSV, missing in the SPSS and Stata data, NA in R");

        /// <summary>For the top of a syntax file: no answer text (a file that runs must never carry a respondent's words), one line.</summary>
        public string Note(string csvFile) => $"{Column.Variable}: {Count} answer(s) not in the choice list {SafeName(ListName)}: "
            + (Multiple ? "in the list column only, in no 0/1 column" : "missing here") + $"; {csvFile} keeps them as written";

        private static string SafeName(string name) => new(name.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-').Take(64).ToArray());
    }

    /// <summary>
    /// Answers that are not in their question's choice list (a form changed after responses came in, or data from
    /// elsewhere): the CSV keeps them as written, but SPSS and Stata read a select_one's as missing and R as NA, and a
    /// select_multiple's has no 0/1 column, so say so.
    /// </summary>
    private static List<Outside> OutOfList(IEnumerable<Question> questions, ExportPlan plan, IReadOnlyList<SurveyResponse> responses)
    {
        var found = new List<Outside>();
        foreach (var question in questions.Where(q => q.Type.IsSelect()))
        {
            var known = question.Choices.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var multiple = question.Type == QuestionType.SelectMultiple;
            var outside = responses
                .SelectMany(r => r.Answers.TryGetValue(question.Name, out var raw) ? multiple ? Expressions.Evaluator.SplitList(raw) : [raw] : [])
                .Where(v => v.Length > 0 && !known.Contains(v))
                .ToList();
            if (outside.Count > 0)
            {
                var column = plan.Columns.First(c => c.Question == question.Name);
                found.Add(new Outside(column, question.ListName ?? string.Empty, outside.Count, outside.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), multiple));
            }
        }

        return found;
    }

    /// <summary>
    /// Writes the files into <paramref name="directory"/> (created if missing, owner-only); returns their
    /// paths. Exports hold opened answers: each file is readable by its owner only (<see cref="CreatePrivate"/>).
    /// </summary>
    public static IReadOnlyList<string> WriteTo(ExportFiles export, string directory)
    {
        ArgumentNullException.ThrowIfNull(export);
        CreatePrivateDirectory(directory);
        var paths = new List<string>();
        foreach (var file in export.Files.Keys.Concat(export.BinaryFiles.Keys))
        {
            var path = Path.Combine(directory, file);
            using (var stream = CreatePrivate(path))
            {
                stream.Write(export.Bytes(file)!);
            }

            paths.Add(path);
        }

        return paths;
    }

    /// <summary>The mode of every export file: read and write for its owner, nothing for anyone else.</summary>
    public const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A folder for exports: created owner-only (0700) when missing; an existing folder is left as it is.</summary>
    public static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, PrivateMode | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// Creates (or truncates) a file for opened answers with mode 0600 from its first byte: never readable
    /// by others, not even for a moment, and an older file of the same name loses any looser mode first.
    /// </summary>
    public static FileStream CreatePrivate(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateMode;
            if (File.Exists(path))
            {
                File.SetUnixFileMode(path, PrivateMode);
            }
        }

        return new FileStream(path, options);
    }

    /// <summary>The name every file of an export starts with: the form id, made safe as a file name.</summary>
    public static string BaseName(string formId)
    {
        var name = new string(formId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray());
        return name.Length == 0 ? "survey" : name;
    }
}
