using Waymark.Csv;

namespace Waymark.Content.Corpus;

/// <summary>
/// A CSV corpus (strict UTF-8, RFC 4180, read by the one <see cref="CsvReader"/>) with a header line naming the
/// <see cref="PostFields"/> columns (others are ignored). A malformed line ends the stream with a problem naming the
/// file, the line and the column.
/// </summary>
internal static class CsvCorpusReader
{
    public static IEnumerable<Result<PostText>> Posts(Stream utf8, string path, ThreadOffsets offsets)
    {
        var opened = CsvReader.Open(utf8, path, CsvDialect.Rfc4180);
        if (!opened.IsSuccess)
        {
            yield return Result.Fail<PostText>(opened.Problem!);
            yield break;
        }

        using var csv = opened.Value!;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < csv.Header.Count; i++)
        {
            columns.TryAdd(csv.Header[i].Trim(), i);
        }

        foreach (var required in new[] { PostFields.ThreadId, PostFields.PostId, PostFields.Text })
        {
            if (!columns.ContainsKey(required))
            {
                yield return Result.Fail<PostText>(csv.ProblemHere($"the header has no '{required}' column (found: {string.Join(", ", columns.Keys)})."));
                yield break;
            }
        }

        while (true)
        {
            var record = csv.Read();
            if (!record.IsSuccess)
            {
                yield return Result.Fail<PostText>(record.Problem!);
                yield break;
            }

            if (!record.Value)
            {
                yield break;
            }

            var post = PostFields.Make(
                name => columns.TryGetValue(name, out var index) ? csv.Field(index).ToString() : null,
                $"{path} line {csv.Line}",
                offsets);
            yield return post;
            if (!post.IsSuccess)
            {
                yield break;
            }
        }
    }
}
