using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using Waymark.Content.Codebooks;
using Waymark.Text;

namespace Waymark.Content.Qda;

/// <summary>A coding read back from a project: source name, code name and code point positions.</summary>
internal sealed record ImportedCoding(string Source, string Code, int Start, int End);

/// <summary>A REFI-QDA project read back: its codebook, its text sources and their codings.</summary>
internal sealed record ImportedProject(Codebook Codebook, IReadOnlyDictionary<string, string> Sources, IReadOnlyList<ImportedCoding> Codings);

/// <summary>
/// Reads a .qdpx (REFI-QDA project) into Waymark: the code tree (themes and codes), text sources by name, and
/// every PlainTextSelection's codings. Every reference must resolve; the XML is read with DTDs prohibited.
/// </summary>
internal static class QdpxImport
{
    public static Result<ImportedProject> Read(string path)
    {
        XDocument project;
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Result.Fail<ImportedProject>($"{path}: not a .qdpx archive ({e.Message})");
        }

        using (zip)
        {
            var entry = zip.GetEntry("project.qde");
            if (entry is null)
            {
                return Result.Fail<ImportedProject>($"{path}: the archive has no project.qde.");
            }

            try
            {
                using var stream = entry.Open();
                using var reader = XmlReader.Create(stream, SafeXml.Settings);
                project = XDocument.Load(reader);
            }
            catch (XmlException e)
            {
                return Result.Fail<ImportedProject>($"{path}: project.qde is not well-formed ({e.Message})");
            }

            var ns = QdpxProject.Ns;
            var root = project.Root;
            if (root is null || root.Name != ns + "Project")
            {
                return Result.Fail<ImportedProject>($"{path}: project.qde has no Project root in {ns}.");
            }

            var codebook = QdcCodebook.FromCodes(
                root.Element(ns + "CodeBook")?.Element(ns + "Codes")?.Elements(ns + "Code") ?? [], ns, (string?)root.Attribute("name") ?? "imported", path);
            if (!codebook.IsSuccess)
            {
                return Result.Fail<ImportedProject>(codebook.Error!);
            }

            var codeNames = root.Descendants(ns + "Code").ToDictionary(c => (string)c.Attribute("guid")!, c => (string)c.Attribute("name")!, StringComparer.OrdinalIgnoreCase);
            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            var codings = new List<ImportedCoding>();
            foreach (var source in root.Element(ns + "Sources")?.Elements(ns + "TextSource") ?? [])
            {
                var name = (string?)source.Attribute("name") ?? (string)source.Attribute("guid")!;
                var text = SourceText(zip, source, ns);
                if (text is null)
                {
                    return Result.Fail<ImportedProject>($"{path}: the text of source '{name}' is missing.");
                }

                sources[name] = text;
                foreach (var selection in source.Elements(ns + "PlainTextSelection"))
                {
                    foreach (var coding in selection.Elements(ns + "Coding"))
                    {
                        var target = (string?)coding.Element(ns + "CodeRef")?.Attribute("targetGUID");
                        if (target is null || !codeNames.TryGetValue(target, out var code))
                        {
                            return Result.Fail<ImportedProject>($"{path}: a Coding in '{name}' refers to no code ({target}).");
                        }

                        codings.Add(new ImportedCoding(name, code, (int)selection.Attribute("startPosition")!, (int)selection.Attribute("endPosition")!));
                    }
                }
            }

            return Result.Ok(new ImportedProject(codebook.Value!, sources, codings));
        }
    }

    private static string? SourceText(ZipArchive zip, XElement source, XNamespace ns)
    {
        var path = (string?)source.Attribute("plainTextPath");
        if (path is not null && path.StartsWith("internal://", StringComparison.Ordinal))
        {
            var entry = zip.GetEntry("sources/" + path["internal://".Length..]);
            if (entry is null)
            {
                return null;
            }

            using var reader = new StreamReader(entry.Open());
            return reader.ReadToEnd();
        }

        return (string?)source.Element(ns + "PlainTextContent");
    }
}
