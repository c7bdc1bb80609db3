namespace Waymark.Content.Codebooks;

// The YAML codebook as written, before validation: read by CodebookYamlReader, written by CodebookYaml's serialiser
// (whose underscored naming convention gives the keys name, description, language, ignore_diacritics, themes, color, codes, patterns).
internal sealed class CodebookDocument
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Language { get; set; }

    public bool IgnoreDiacritics { get; set; }

    public List<ThemeDocument?>? Themes { get; set; }
}

internal sealed class ThemeDocument
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Color { get; set; }

    public List<CodeDocument?>? Codes { get; set; }
}

internal sealed class CodeDocument
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Color { get; set; }

    public List<string?>? Patterns { get; set; }
}
