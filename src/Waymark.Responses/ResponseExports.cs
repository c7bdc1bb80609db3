using System.Text;
using Waymark.Surveys;
using Waymark.Surveys.Export;
using Waymark.Surveys.Responses;

namespace Waymark.Responses;

/// <summary>
/// Writes opened responses to a folder: <c>responses.jsonl</c> in the survey library's response
/// format (<see cref="ResponseLines"/>, flags included) and the survey exports made from it (CSV,
/// codebook, R, SPSS and Stata syntax: <see cref="SurveyExport"/>), each readable by its owner only (0600).
/// </summary>
public static class ResponseExports
{
    public const string RecordsFileName = "responses.jsonl";

    /// <summary>Returns the names of the files written; responses to another instrument are refused.</summary>
    public static async Task<Result<IReadOnlyList<string>>> WriteAsync(Instrument instrument, IReadOnlyList<ResponseRecord> records, string folder, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(records);
        var formId = instrument.Settings.FormId;
        if (records.FirstOrDefault(r => r.Instrument != formId) is { } stranger)
        {
            return Result.Fail<IReadOnlyList<string>>($"response {stranger.Id} answers '{stranger.Instrument}', not this form ('{formId}'); export one instrument at a time (--instrument).");
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

        var written = SurveyExport.WriteTo(SurveyExport.Create(instrument, responses, language), folder);
        return Result.Ok<IReadOnlyList<string>>([RecordsFileName, .. written.Select(Path.GetFileName).OfType<string>()]);
    }

    public static SurveyResponse ToSurveyResponse(ResponseRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new SurveyResponse(record.Id, record.Day, record.Answers, record.Flags);
    }
}
