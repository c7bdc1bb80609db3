using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Waymark.Content.Coding;
using Waymark.Content.Corpus;

namespace Waymark.Content.Qda;

/// <summary>
/// REFI-QDA project export (.qdpx: a zip holding project.qde in urn:QDA-XML:project:1.0 and sources/GUID.txt):
/// the codebook hierarchy, one TextSource per document (UTF-8, newlines normalised to \n), and per coded unit
/// one PlainTextSelection with one Coding per code. Positions are Unicode code points in the normalised text.
/// GUIDs are name-based (<see cref="StableGuid"/>), so a re-export is identical. The document texts are held
/// in memory while writing: this export is for corpora of the size QDA tools open.
/// </summary>
internal static class QdpxProject
{
    public static readonly XNamespace Ns = "urn:QDA-XML:project:1.0";

    public static Result<bool> Export(CodingReport report, CorpusSource source, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(source);
        var texts = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        foreach (var post in source.Posts())
        {
            if (!post.IsSuccess)
            {
                return Result.Fail<bool>(post.Error!);
            }

            var text = texts.TryGetValue(post.Value!.Post.DocumentId, out var existing) ? existing : texts[post.Value.Post.DocumentId] = new StringBuilder();
            if (text.Length > 0)
            {
                text.Append(PostFields.PostSeparator);
            }

            text.Append(post.Value.Text);
        }

        var codebook = report.Codebook;
        var sources = new List<XElement>();
        var files = new List<(Guid Guid, string Text)>();
        var byDocument = report.Codings.GroupBy(c => c.DocumentId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var (documentId, builder) in texts.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var (normalized, positions) = CodePoints.Normalize(builder.ToString());
            var sourceGuid = StableGuid.For("source", documentId);
            files.Add((sourceGuid, normalized));
            var selections = new List<XElement>();
            var units = byDocument.TryGetValue(documentId, out var found) ? found : [];
            foreach (var unit in units.GroupBy(u => (u.Start, u.End)).OrderBy(g => g.Key.Start).ThenBy(g => g.Key.End))
            {
                var (start, end) = unit.Key;
                var startPosition = positions[(int)start];
                var endPosition = positions[(int)end];
                selections.Add(new XElement(
                    Ns + "PlainTextSelection",
                    new XAttribute("guid", StableGuid.For("selection", documentId, $"{start}", $"{end}")),
                    new XAttribute("name", Excerpt(normalized, startPosition, endPosition)),
                    new XAttribute("startPosition", startPosition),
                    new XAttribute("endPosition", endPosition),
                    unit.OrderBy(u => u.Code).Select(u => new XElement(
                        Ns + "Coding",
                        new XAttribute("guid", StableGuid.For("coding", documentId, $"{start}", $"{end}", codebook.Codes[u.Code].Name)),
                        new XElement(Ns + "CodeRef", new XAttribute("targetGUID", QdcCodebook.CodeGuid(codebook, codebook.Codes[u.Code])))))));
            }

            sources.Add(new XElement(
                Ns + "TextSource",
                new XAttribute("guid", sourceGuid),
                new XAttribute("name", documentId),
                new XAttribute("plainTextPath", $"internal://{sourceGuid}.txt"),
                selections));
        }

        var project = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                Ns + "Project",
                new XAttribute("name", codebook.Name),
                new XAttribute("origin", "Waymark"),
                new XElement(Ns + "CodeBook", new XElement(Ns + "Codes", QdcCodebook.CodeElements(codebook, Ns))),
                sources.Count == 0 ? null : new XElement(Ns + "Sources", sources)));

        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        using (var entry = zip.CreateEntry("project.qde", CompressionLevel.Optimal).Open())
        {
            project.Save(entry);
        }

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (var (guid, text) in files)
        {
            using var writer = new StreamWriter(zip.CreateEntry($"sources/{guid}.txt", CompressionLevel.Optimal).Open(), utf8);
            writer.Write(text);
        }

        return Result.Ok(true);
    }

    private static string Excerpt(string text, int startCodePoint, int endCodePoint)
    {
        var builder = new StringBuilder();
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (index >= startCodePoint && index < endCodePoint && builder.Length < 60)
            {
                var s = rune.ToString();
                builder.Append(s.Length == 1 && !XmlConvert.IsXmlChar(s[0]) ? " " : s);
            }

            index++;
        }

        return builder.ToString();
    }
}

/// <summary>Newline normalisation (\r\n and \r to \n) and the code point position of every UTF-16 offset.</summary>
internal static class CodePoints
{
    /// <summary>The normalised text and, for each UTF-16 offset 0..n of the original, its code point position in the normalised text.</summary>
    public static (string Text, int[] Positions) Normalize(string original)
    {
        var text = new StringBuilder(original.Length);
        var positions = new int[original.Length + 1];
        var codePoints = 0;
        for (var i = 0; i < original.Length; i++)
        {
            positions[i] = codePoints;
            var c = original[i];
            if (c == '\r')
            {
                text.Append('\n');
                codePoints++;
                if (i + 1 < original.Length && original[i + 1] == '\n')
                {
                    positions[++i] = codePoints - 1;
                }

                continue;
            }

            text.Append(c);
            if (!char.IsLowSurrogate(c) || i == 0 || !char.IsHighSurrogate(original[i - 1]))
            {
                codePoints++;
            }
        }

        positions[original.Length] = codePoints;
        return (text.ToString(), positions);
    }
}
