namespace Waymark.Content.Corpus;

/// <summary>What the coding pipeline feeds paragraphs to: as strings, or as UTF-8 bytes straight from a text file.</summary>
internal interface IParagraphConsumer
{
    void Add(CorpusParagraph paragraph);

    /// <summary>
    /// A paragraph as UTF-8 bytes (invalid sequences stand for U+FFFD); <paramref name="offset"/> and
    /// <paramref name="length"/> are in UTF-16 code units of the decoded document text, as for <see cref="Add"/>.
    /// </summary>
    void AddUtf8(CorpusPost post, long offset, int length, ReadOnlySpan<byte> utf8);
}
