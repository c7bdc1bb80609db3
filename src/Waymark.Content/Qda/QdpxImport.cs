using System.Xml;
using System.Xml.Linq;
using Waymark.Content.Codebooks;

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
        BoundedArchive zip;
        try
        {
            if (QdaLimits.CheckFileSize(path) is { } tooLarge)
            {
                return Result.Fail<ImportedProject>(tooLarge);
            }

            zip = BoundedArchive.Open(File.OpenRead(path), QdaLimits.Archive);
        }
        catch (ArchiveLimitException e)
        {
            return Result.Fail<ImportedProject>(QdaLimits.Describe(path, e));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Result.Fail<ImportedProject>($"{path}: not a .qdpx archive ({e.Message})");
        }

        using (zip)
        {
            try
            {
                return ReadProject(zip, path);
            }
            catch (ArchiveLimitException e)
            {
                return Result.Fail<ImportedProject>(QdaLimits.Describe(path, e));
            }
            catch (InvalidDataException e)
            {
                return Result.Fail<ImportedProject>($"{path}: a damaged archive entry ({e.Message})");
            }
        }
    }

    private static Result<ImportedProject> ReadProject(BoundedArchive zip, string path)
    {
        var entry = zip.Find("project.qde");
        if (entry is null)
        {
            return Result.Fail<ImportedProject>($"{path}: the archive has no project.qde.");
        }

        XDocument project;
        try
        {
            using var stream = zip.OpenEntry(entry);
            using var reader = XmlReader.Create(stream, SafeXml.Settings);
            project = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            return Result.Fail<ImportedProject>($"{path}: project.qde is not well-formed or not allowed ({e.Message})");
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

        var codeNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in root.Descendants(ns + "Code"))
        {
            if ((string?)code.Attribute("guid") is not { Length: > 0 } guid || !codeNames.TryAdd(guid, (string?)code.Attribute("name") ?? ""))
            {
                return Result.Fail<ImportedProject>($"{path}: a Code has no guid or repeats one ('{(string?)code.Attribute("guid")}').");
            }
        }

        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var codings = new List<ImportedCoding>();
        foreach (var source in root.Element(ns + "Sources")?.Elements(ns + "TextSource") ?? [])
        {
            var name = (string?)source.Attribute("name") ?? (string?)source.Attribute("guid");
            if (string.IsNullOrEmpty(name))
            {
                return Result.Fail<ImportedProject>($"{path}: a TextSource has neither name nor guid.");
            }

            var text = SourceText(zip, source, ns);
            if (text is null)
            {
                return Result.Fail<ImportedProject>($"{path}: the text of source '{name}' is missing.");
            }

            sources[name] = text;
            foreach (var selection in source.Elements(ns + "PlainTextSelection"))
            {
                if (!int.TryParse((string?)selection.Attribute("startPosition"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var start)
                    || !int.TryParse((string?)selection.Attribute("endPosition"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var end)
                    || end < start)
                {
                    return Result.Fail<ImportedProject>($"{path}: a PlainTextSelection in '{name}' has no valid startPosition and endPosition.");
                }

                foreach (var coding in selection.Elements(ns + "Coding"))
                {
                    var target = (string?)coding.Element(ns + "CodeRef")?.Attribute("targetGUID");
                    if (target is null || !codeNames.TryGetValue(target, out var code))
                    {
                        return Result.Fail<ImportedProject>($"{path}: a Coding in '{name}' refers to no code ({target}).");
                    }

                    codings.Add(new ImportedCoding(name, code, start, end));
                }
            }
        }

        return Result.Ok(new ImportedProject(codebook.Value!, sources, codings));
    }

    private static string? SourceText(BoundedArchive zip, XElement source, XNamespace ns)
    {
        var path = (string?)source.Attribute("plainTextPath");
        if (path is not null && path.StartsWith("internal://", StringComparison.Ordinal))
        {
            var relative = path["internal://".Length..];
            if (relative.Length == 0 || relative.Contains('\\', StringComparison.Ordinal) || relative.Split('/').Any(part => part is ".." or "." or ""))
            {
                return null; // only a plain name under sources/ is read
            }

            var entry = zip.Find("sources/" + relative);
            return entry is null ? null : QdaLimits.ReadText(zip, entry);
        }

        return (string?)source.Element(ns + "PlainTextContent");
    }
}
