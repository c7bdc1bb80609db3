using System.Text;

namespace Waymark.Responses;

/// <summary>Writes opened responses to a folder: <c>responses.jsonl</c>, one decrypted record per line.</summary>
public static class ResponseExports
{
    public const string RecordsFileName = "responses.jsonl";

    /// <summary>Returns the names of the files written.</summary>
    public static async Task<Result<IReadOnlyList<string>>> WriteAsync(IReadOnlyList<ResponseRecord> records, string folder)
    {
        ArgumentNullException.ThrowIfNull(records);
        var path = Path.Combine(folder, RecordsFileName);
        await using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)))
        {
            foreach (var record in records)
            {
                await writer.WriteLineAsync(Encoding.UTF8.GetString(record.ToJsonBytes())).ConfigureAwait(false);
            }
        }

        return Result.Ok<IReadOnlyList<string>>([RecordsFileName]);
    }
}
