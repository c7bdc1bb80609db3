
namespace Waymark.Content.Corpus;

/// <summary>A CSV corpus with a header line naming the <see cref="PostFields"/> columns (others are ignored).</summary>
internal static class CsvCorpusReader
{
    public static IEnumerable<Result<PostText>> Posts(TextReader reader, string path, ThreadOffsets offsets)
    {
        var csv = new CsvRecordReader(reader);
        var header = csv.Next();
        if (!header.IsSuccess || header.Value is null)
        {
            yield return Result.Fail<PostText>($"{path}: {header.Error ?? "the file is empty; expected a header line."}");
            yield break;
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Value.Count; i++)
        {
            columns.TryAdd(header.Value[i].Trim().TrimStart('\uFEFF'), i);
        }

        foreach (var required in new[] { PostFields.ThreadId, PostFields.PostId, PostFields.Text })
        {
            if (!columns.ContainsKey(required))
            {
                yield return Result.Fail<PostText>($"{path}: the header has no '{required}' column (found: {string.Join(", ", columns.Keys)}).");
                yield break;
            }
        }

        while (true)
        {
            var record = csv.Next();
            if (!record.IsSuccess)
            {
                yield return Result.Fail<PostText>($"{path}: {record.Error}");
                yield break;
            }

            var fields = record.Value;
            if (fields is null)
            {
                yield break;
            }

            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            var post = PostFields.Make(
                name => columns.TryGetValue(name, out var index) && index < fields.Count ? fields[index] : null,
                $"{path} line {csv.RecordLine}",
                offsets);
            yield return post;
            if (!post.IsSuccess)
            {
                yield break;
            }
        }
    }
}
