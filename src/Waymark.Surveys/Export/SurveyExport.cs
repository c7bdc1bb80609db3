using System.Text;
using Waymark.Surveys.Responses;

namespace Waymark.Surveys.Export;

/// <summary>The files of one export, by file name.</summary>
public sealed record ExportFiles(IReadOnlyDictionary<string, string> Files);

/// <summary>
/// The public entry point of the exports: a CSV with one row per response (select_multiple as one 0/1 column
/// per choice plus the raw list; flags as a list and one 0/1 column per flag), a codebook, and R, SPSS and
/// Stata syntax that read the CSV and label variables and values. Labels in <c>language</c>.
/// </summary>
public static class SurveyExport
{
    public static ExportFiles Create(Instrument instrument, IReadOnlyList<SurveyResponse> responses, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(responses);
        var lang = language ?? instrument.FallbackLanguage ?? LocalizedText.DefaultKey;
        var plan = ExportPlan.Build(instrument, responses, lang);
        var name = BaseName(instrument.Settings.FormId);
        var csvFile = name + ".csv";
        var csv = new StringBuilder();
        Csv.WriteRow(csv, plan.Columns.Select(c => c.Variable));
        foreach (var response in responses)
        {
            Csv.WriteRow(csv, plan.Columns.Select(c => ExportPlan.Value(c, response)));
        }

        var codebook = new StringBuilder();
        Csv.WriteRow(codebook, ["variable", "question", "label", "type", "values"]);
        foreach (var c in plan.Columns)
        {
            var values = string.Join("; ", c.Values.Select((v, i) => c.Kind == ColumnKind.SelectOne ? $"{v.Value}={v.Label} (code {i + 1})" : $"{v.Value}={v.Label}"));
            Csv.WriteRow(codebook, [c.Variable, c.Question ?? string.Empty, c.Label, c.TypeName, values]);
        }

        return new ExportFiles(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [csvFile] = csv.ToString(),
            [name + "_codebook.csv"] = codebook.ToString(),
            [name + ".R"] = SyntaxWriters.R(plan, csvFile),
            [name + ".sps"] = SyntaxWriters.Spss(plan, csvFile),
            [name + ".do"] = SyntaxWriters.Stata(plan, csvFile),
        });
    }

    /// <summary>Writes the files into <paramref name="directory"/> (created if missing); returns their paths.</summary>
    public static IReadOnlyList<string> WriteTo(ExportFiles export, string directory)
    {
        ArgumentNullException.ThrowIfNull(export);
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var (file, text) in export.Files)
        {
            var path = Path.Combine(directory, file);
            File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            paths.Add(path);
        }

        return paths;
    }

    private static string BaseName(string formId)
    {
        var name = new string(formId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray());
        return name.Length == 0 ? "survey" : name;
    }
}
