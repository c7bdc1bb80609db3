using Waymark.Text;

namespace Waymark.Content.Corpus;

/// <summary>What the coding pipeline feeds paragraphs to: as strings, or as UTF-8 bytes straight from a text file.</summary>
internal interface IParagraphConsumer
{
    void Add(CorpusParagraph paragraph);

    /// <summary>
    /// Paragraphs of a text file as UTF-8 (invalid sequences stand for U+FFFD): byte ranges of <paramref name="block"/>,
    /// in order, each bordered by a line break or the block's edge.
    /// </summary>
    void AddUtf8(CorpusPost post, ReadOnlySpan<byte> block, ReadOnlySpan<Utf8Paragraph> paragraphs);
}

/// <summary>A paragraph's bytes in its block, and its offset and length in UTF-16 code units of the decoded document text (as for <see cref="CorpusParagraph"/>).</summary>
internal readonly record struct Utf8Paragraph(ByteRange Bytes, long Offset, int Length);
