namespace Waymark.Content.Codebooks;

// The YAML codebook as written, before validation: read by CodebookYamlReader, written by CodebookYaml's serialiser
// (whose underscored naming convention gives the keys name, description, language, ignore_diacritics, method, themes, color,
// codes, patterns, reference, examples, citation). Numbers are kept as written and checked by CodebookYaml.Validate.
internal sealed class CodebookDocument
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Language { get; set; }

    public bool IgnoreDiacritics { get; set; }

    public MethodDocument? Method { get; set; }

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

    public string? Reference { get; set; }

    public List<string?>? Examples { get; set; }

    public string? Citation { get; set; }
}

internal sealed class MethodDocument
{
    public string? Citation { get; set; }

    public string? Unit { get; set; }

    public string? Documents { get; set; }

    public string? Communities { get; set; }

    public string? Tool { get; set; }

    public List<string?>? Gaps { get; set; }
}
