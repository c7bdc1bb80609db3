using System.Text;

namespace Waymark.Content.Corpus;

/// <summary>
/// A plain text file is one document (and one thread and one post) whose paragraphs are streamed as they
/// are read: memory holds one paragraph, never the file.
/// </summary>
internal static class TextCorpusReader
{
    public static IEnumerable<CorpusParagraph> Paragraphs(TextReader reader, string documentId)
    {
        var post = new CorpusPost(documentId, documentId, documentId, null, null, null, 0);
        var lines = new LineReader(reader);
        var paragraph = new StringBuilder();
        string pendingBreak = string.Empty;
        long paragraphStart = -1;
        while (true)
        {
            var lineStart = lines.Consumed;
            var next = lines.Next();
            if (next is null)
            {
                break;
            }

            var (line, lineBreak) = next.Value;
            if (Segmenter.IsBlank(line))
            {
                if (paragraphStart >= 0)
                {
                    yield return new CorpusParagraph(post, paragraphStart, paragraph.ToString());
                    paragraph.Clear();
                    paragraphStart = -1;
                }

                continue;
            }

            if (paragraphStart < 0)
            {
                paragraphStart = lineStart;
            }
            else
            {
                paragraph.Append(pendingBreak);
            }

            paragraph.Append(line);
            pendingBreak = lineBreak;
            if (lineBreak == "\u2029")
            {
                yield return new CorpusParagraph(post, paragraphStart, paragraph.ToString());
                paragraph.Clear();
                paragraphStart = -1;
            }
        }

        if (paragraphStart >= 0)
        {
            yield return new CorpusParagraph(post, paragraphStart, paragraph.ToString());
        }
    }

    /// <summary>The whole text of a small file as one post (for exports that need document text).</summary>
    public static PostText Whole(string text, string documentId) =>
        new(new CorpusPost(documentId, documentId, documentId, null, null, null, 0), text);
}
