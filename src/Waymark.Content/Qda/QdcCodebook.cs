using System.Xml;
using System.Xml.Linq;
using Waymark.Content.Codebooks;

namespace Waymark.Content.Qda;

/// <summary>
/// REFI-QDA codebooks (.qdc, namespace urn:QDA-XML:codebook:1.0). Themes are non-codable parent codes,
/// codes codable children. A code's patterns travel in its Description as lines "pattern: …" after the
/// description text; on import a code without such lines gets its own name as its one pattern.
/// </summary>
internal static class QdcCodebook
{
    public static readonly XNamespace Ns = "urn:QDA-XML:codebook:1.0";

    internal const string PatternLinePrefix = "pattern: ";

    public static XDocument Export(Codebook codebook)
    {
        ArgumentNullException.ThrowIfNull(codebook);
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                Ns + "CodeBook",
                new XAttribute("origin", "Waymark"),
                new XElement(Ns + "Codes", CodeElements(codebook, Ns))));
    }

    /// <summary>The code hierarchy in a namespace (the project file uses the same shape in its own namespace).</summary>
    internal static IEnumerable<XElement> CodeElements(Codebook codebook, XNamespace ns) =>
        codebook.Themes.Select(theme => new XElement(
            ns + "Code",
            new XAttribute("guid", ThemeGuid(codebook, theme)),
            new XAttribute("name", theme.Name),
            new XAttribute("isCodable", "false"),
            new XAttribute("color", theme.Color),
            theme.Description is null ? null : new XElement(ns + "Description", theme.Description),
            theme.Codes.Select(code => new XElement(
                ns + "Code",
                new XAttribute("guid", CodeGuid(codebook, code)),
                new XAttribute("name", code.Name),
                new XAttribute("isCodable", "true"),
                new XAttribute("color", code.Color),
                new XElement(ns + "Description", DescribeCode(code))))));

    public static Guid ThemeGuid(Codebook codebook, Theme theme) => StableGuid.For("theme", codebook.Name, theme.Name);

    public static Guid CodeGuid(Codebook codebook, Code code) => StableGuid.For("code", codebook.Name, code.Theme, code.Name);

    private static string DescribeCode(Code code)
    {
        var lines = code.Patterns.Select(p => PatternLinePrefix + p);
        return string.Join('\n', code.Description is null ? lines : lines.Prepend(code.Description));
    }

    public static Result<Codebook> Import(string path)
    {
        XDocument document;
        try
        {
            if (QdaLimits.CheckFileSize(path) is { } tooLarge)
            {
                return Result.Fail<Codebook>(tooLarge);
            }

            using var reader = XmlReader.Create(path, SafeXml.Settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            return Result.Fail<Codebook>($"{path}: not a REFI-QDA codebook ({e.Message})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Result.Fail<Codebook>($"{path}: {e.Message}");
        }

        var root = document.Root;
        if (root is null || root.Name != Ns + "CodeBook")
        {
            return Result.Fail<Codebook>($"{path}: the root element is not CodeBook in {Ns}.");
        }

        return FromCodes(root.Element(Ns + "Codes")?.Elements(Ns + "Code") ?? [], Ns, Path.GetFileNameWithoutExtension(path), path);
    }

    /// <summary>Builds a codebook from REFI-QDA Code elements: top-level codes are themes; a top-level codable code with no children is a theme of its own.</summary>
    internal static Result<Codebook> FromCodes(IEnumerable<XElement> topLevel, XNamespace ns, string name, string where)
    {
        var themes = new List<Theme>();
        var index = 0;
        foreach (var top in topLevel)
        {
            var themeName = (string?)top.Attribute("name");
            if (string.IsNullOrWhiteSpace(themeName))
            {
                return Result.Fail<Codebook>($"{where}: a Code has no name.");
            }

            var themeColor = ((string?)top.Attribute("color"))?.ToUpperInvariant() ?? CodeColors.Default(index++);
            var children = top.Descendants(ns + "Code").ToList();
            if (children.Count == 0)
            {
                children = [top];
            }

            var codes = new List<Code>();
            foreach (var child in children)
            {
                var codeName = (string?)child.Attribute("name");
                if (string.IsNullOrWhiteSpace(codeName))
                {
                    return Result.Fail<Codebook>($"{where}: a Code in '{themeName}' has no name.");
                }

                var (description, patterns) = ParseDescription((string?)child.Element(ns + "Description"));
                codes.Add(new Code(
                    themeName,
                    codeName,
                    description,
                    ((string?)child.Attribute("color"))?.ToUpperInvariant() ?? themeColor,
                    patterns.Count > 0 ? patterns : [codeName]));
            }

            themes.Add(new Theme(themeName, top == children[0] ? null : (string?)top.Element(ns + "Description"), themeColor, codes));
        }

        if (themes.Count == 0)
        {
            return Result.Fail<Codebook>($"{where}: the codebook has no codes.");
        }

        var duplicate = themes.SelectMany(t => t.Codes).GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is not null
            ? Result.Fail<Codebook>($"{where}: the code name '{duplicate.Key}' is used twice; code names must be unique.")
            : Result.Ok(new Codebook(name, null, false, themes));
    }

    private static (string? Description, List<string> Patterns) ParseDescription(string? text)
    {
        if (text is null)
        {
            return (null, []);
        }

        var patterns = new List<string>();
        var rest = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(PatternLinePrefix, StringComparison.Ordinal))
            {
                patterns.Add(line[PatternLinePrefix.Length..]);
            }
            else
            {
                rest.Add(line);
            }
        }

        return (rest.Count == 0 ? null : string.Join('\n', rest), patterns);
    }
}

/// <summary>XML reading that never resolves a DTD or an external entity.</summary>
internal static class SafeXml
{
    public static XmlReaderSettings Settings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = QdaLimits.MaxXmlCharacters,

        // Whitespace between elements is never kept, so a bomb of blanks costs no memory.
        IgnoreWhitespace = true,
    };
}
