namespace Waymark.Content.Corpus;

/// <summary>Corpus file formats, chosen by file extension unless given.</summary>
internal enum CorpusFormat
{
    Text,
    Csv,
    JsonLines,
    Html,
}

internal static class CorpusFormats
{
    public static CorpusFormat FromPath(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".CSV" => CorpusFormat.Csv,
        ".JSONL" or ".NDJSON" => CorpusFormat.JsonLines,
        ".HTML" or ".HTM" or ".XHTML" => CorpusFormat.Html,
        _ => CorpusFormat.Text,
    };
}
