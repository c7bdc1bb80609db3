using System.Text;
using Waymark.Surveys;
using Waymark.Surveys.Export;
using Waymark.Surveys.Responses;

namespace Waymark.Responses;

/// <summary>
/// Writes opened responses to a folder: <c>responses.jsonl</c> in the survey library's response
/// format (<see cref="ResponseLines"/>, flags included) and the survey exports made from it (CSV,
/// codebook, R, SPSS and Stata syntax, Stata data file: <see cref="SurveyExport"/>), each readable by its owner only (0600).
/// </summary>
public static class ResponseExports
{
    /// <summary>The names of the files written and the export's warnings (answers outside a choice list: <see cref="ExportFiles.Warnings"/>).</summary>
    public sealed record Written(IReadOnlyList<string> Files, IReadOnlyList<string> Warnings);

    public const string RecordsFileName = "responses.jsonl";

    /// <summary>Returns the names of the files written and the export's warnings; responses to another instrument are refused.</summary>
    /// <remarks><paramref name="versions"/>: other versions of the form, for responses given in them (<see cref="SurveyExport.Create"/>).</remarks>
    public static async Task<Result<Written>> WriteAsync(Instrument instrument, IReadOnlyList<ResponseRecord> records, string folder, string? language = null, IReadOnlyList<Instrument>? versions = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(records);
        var formId = instrument.Settings.FormId;
        if (records.FirstOrDefault(r => r.Instrument != formId) is { } stranger)
        {
            return Result.Fail<Written>($"response {stranger.Id} answers '{stranger.Instrument}', not this form ('{formId}'); export one instrument at a time (--instrument).");
        }

        SurveyExport.CreatePrivateDirectory(folder);
        var responses = records.Select(ToSurveyResponse).ToList();
        await using (var writer = new StreamWriter(SurveyExport.CreatePrivate(Path.Combine(folder, RecordsFileName)), new UTF8Encoding(false)))
        {
            foreach (var response in responses)
            {
                await writer.WriteLineAsync(ResponseLines.Write(response)).ConfigureAwait(false);
            }
        }

        var export = SurveyExport.Create(instrument, responses, language, versions);
        var written = SurveyExport.WriteTo(export, folder);
        return Result.Ok(new Written([RecordsFileName, .. written.Select(Path.GetFileName).OfType<string>()], export.Warnings));
    }

    public static SurveyResponse ToSurveyResponse(ResponseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new SurveyResponse(record.Id, record.Day, record.Answers, record.Flags)
        {
            Version = record.Version.Length == 0 ? null : record.Version,
            Language = record.Language.Length == 0 ? null : record.Language,
            DurationSeconds = record.DurationSeconds,
        };
    }
}
