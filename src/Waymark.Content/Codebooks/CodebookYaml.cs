using System.Globalization;
using Waymark.Content.Coding;
using YamlDotNet.Core;

namespace Waymark.Content.Codebooks;

/// <summary>
/// Loads and writes the YAML codebook format (docs/content-analysis.md):
/// <c>{name, description?, language?, ignore_diacritics?, method?: {citation, unit?, documents?, communities?, tool?, gaps?: [...]},
/// themes: [{name, description?, color?, codes: [{name, description?, color?, patterns: [...], reference?, examples?: [...], citation?}]}]}</c>.
/// Unknown keys are errors, so a typo does not silently drop patterns.
/// </summary>
internal static class CodebookYaml
{
    public static Result<Codebook> Load(string path)
    {
        if (!File.Exists(path))
        {
            return Result.Fail<Codebook>($"{path}: no such codebook file.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static Result<Codebook> Parse(string yaml, string where)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        CodebookDocument? document;
        try
        {
            document = CodebookYamlReader.Read(yaml);
        }
        catch (YamlException e)
        {
            return Result.Fail<Codebook>($"{where}: {e.Message} (line {e.Start.Line}, column {e.Start.Column})");
        }

        return document is null
            ? Result.Fail<Codebook>($"{where}: the codebook is empty.")
            : Validate(document, where);
    }

    public static string Write(Codebook codebook)
    {
        ArgumentNullException.ThrowIfNull(codebook);
        using var yaml = new CodebookYamlWriter();
        yaml.Begin();
        yaml.Text("name", codebook.Name);
        yaml.Text("description", codebook.Description);
        yaml.Text("language", codebook.Language);
        yaml.Boolean("ignore_diacritics", codebook.IgnoreDiacritics);
        if (codebook.Method is { } method)
        {
            yaml.BeginMapping("method");
            yaml.Text("citation", method.Citation);
            yaml.Text("unit", method.Unit is { } unit ? CodingUnits.Name(unit) : null);
            yaml.Text("documents", Number(method.Documents));
            yaml.Text("communities", Number(method.Communities));
            yaml.Text("tool", method.Tool);
            yaml.List("gaps", method.Gaps.Count == 0 ? null : method.Gaps);
            yaml.EndMapping();
        }

        yaml.BeginList("themes");
        foreach (var theme in codebook.Themes)
        {
            yaml.BeginMapping(key: null);
            yaml.Text("name", theme.Name);
            yaml.Text("description", theme.Description);
            yaml.Text("color", theme.Color);
            yaml.BeginList("codes");
            foreach (var code in theme.Codes)
            {
                yaml.BeginMapping(key: null);
                yaml.Text("name", code.Name);
                yaml.Text("description", code.Description);
                yaml.Text("color", code.Color);
                yaml.List("patterns", code.Patterns);
                yaml.Text("reference", Number(code.Reference));
                yaml.List("examples", code.Examples.Count == 0 ? null : code.Examples);
                yaml.Text("citation", code.Citation);
                yaml.EndMapping();
            }

            yaml.EndList();
            yaml.EndMapping();
        }

        yaml.EndList();
        return yaml.End();
    }

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    internal static Result<Codebook> Validate(CodebookDocument document, string where)
    {
        if (string.IsNullOrWhiteSpace(document.Name))
        {
            return Result.Fail<Codebook>($"{where}: the codebook needs a name.");
        }

        var method = ValidateMethod(document.Method, where);
        if (!method.IsSuccess)
        {
            return Result.Fail<Codebook>(method.Error!);
        }

        if (document.Themes is not { Count: > 0 })
        {
            return Result.Fail<Codebook>($"{where}: the codebook has no themes.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var themes = new List<Theme>();
        var colorIndex = 0;
        foreach (var theme in document.Themes)
        {
            if (theme is null || string.IsNullOrWhiteSpace(theme.Name))
            {
                return Result.Fail<Codebook>($"{where}: every theme needs a name.");
            }

            var themeColor = theme.Color ?? CodeColors.Default(colorIndex++);
            if (!CodeColors.IsValid(themeColor))
            {
                return Result.Fail<Codebook>($"{where}: theme '{theme.Name}' has colour '{themeColor}'; use #RRGGBB.");
            }

            if (theme.Codes is not { Count: > 0 })
            {
                return Result.Fail<Codebook>($"{where}: theme '{theme.Name}' has no codes.");
            }

            var codes = new List<Code>();
            foreach (var code in theme.Codes)
            {
                if (code is null || string.IsNullOrWhiteSpace(code.Name))
                {
                    return Result.Fail<Codebook>($"{where}: a code in theme '{theme.Name}' has no name.");
                }

                if (!names.Add(code.Name))
                {
                    return Result.Fail<Codebook>($"{where}: the code name '{code.Name}' is used twice; code names must be unique.");
                }

                List<string> patterns = [.. code.Patterns?.OfType<string>() ?? []];
                if (patterns.Count == 0 || patterns.Any(string.IsNullOrWhiteSpace))
                {
                    return Result.Fail<Codebook>($"{where}: code '{code.Name}' needs at least one non-empty pattern.");
                }

                var color = code.Color ?? themeColor;
                if (!CodeColors.IsValid(color))
                {
                    return Result.Fail<Codebook>($"{where}: code '{code.Name}' has colour '{color}'; use #RRGGBB.");
                }

                var details = ValidateDetails(code, where, method.Value);
                if (!details.IsSuccess)
                {
                    return Result.Fail<Codebook>(details.Error!);
                }

                codes.Add(new Code(theme.Name, code.Name, code.Description, color.ToUpperInvariant(), patterns)
                {
                    Reference = details.Value.Reference,
                    Examples = details.Value.Examples,
                    Citation = code.Citation,
                });
            }

            themes.Add(new Theme(theme.Name, theme.Description, themeColor.ToUpperInvariant(), codes));
        }

        return Result.Ok(new Codebook(document.Name, document.Description, document.IgnoreDiacritics, themes)
        {
            Language = string.IsNullOrWhiteSpace(document.Language) ? null : document.Language.Trim(),
            Method = method.Value,
        });
    }

    /// <summary>The study's method: a citation is required; the unit is a coding unit; counts are whole numbers of 1 or more.</summary>
    private static Result<StudyMethod?> ValidateMethod(MethodDocument? method, string where)
    {
        if (method is null)
        {
            return Result.Ok<StudyMethod?>(null);
        }

        if (string.IsNullOrWhiteSpace(method.Citation))
        {
            return Result.Fail<StudyMethod?>($"{where}: the method needs a citation (author, year, title) of the study it describes.");
        }

        CodingUnit? unit = null;
        if (method.Unit is not null)
        {
            if (!CodingUnits.TryParse(method.Unit, out var parsed))
            {
                return Result.Fail<StudyMethod?>($"{where}: the method's unit '{method.Unit}' is not a coding unit; use hit, sentence, paragraph, post or thread.");
            }

            unit = parsed;
        }

        var documents = Count(method.Documents, 1, "the method's documents", where);
        var communities = Count(method.Communities, 1, "the method's communities", where);
        if (!documents.IsSuccess || !communities.IsSuccess)
        {
            return Result.Fail<StudyMethod?>(documents.Error ?? communities.Error!);
        }

        List<string> gaps = [.. method.Gaps?.OfType<string>() ?? []];
        if (gaps.Count != (method.Gaps?.Count ?? 0) || gaps.Any(string.IsNullOrWhiteSpace))
        {
            return Result.Fail<StudyMethod?>($"{where}: every gap in the method must be a non-empty text.");
        }

        return Result.Ok<StudyMethod?>(new StudyMethod(method.Citation, unit, documents.Value, communities.Value, method.Tool, gaps));
    }

    /// <summary>A code's reference count (a whole number of 0 or more, needing a method that names its unit), examples and citation.</summary>
    private static Result<(long? Reference, IReadOnlyList<string> Examples)> ValidateDetails(CodeDocument code, string where, StudyMethod? method)
    {
        var reference = Count(code.Reference, 0, $"the reference of code '{code.Name}'", where);
        if (!reference.IsSuccess)
        {
            return Result.Fail<(long?, IReadOnlyList<string>)>(reference.Error!);
        }

        if (reference.Value is not null && method?.Unit is null)
        {
            return Result.Fail<(long?, IReadOnlyList<string>)>(
                $"{where}: code '{code.Name}' has a reference count, so the codebook needs a method with the citation and unit it was counted in (method: {{citation: …, unit: paragraph}}).");
        }

        List<string> examples = [.. code.Examples?.OfType<string>() ?? []];
        if (examples.Count != (code.Examples?.Count ?? 0) || examples.Any(string.IsNullOrWhiteSpace))
        {
            return Result.Fail<(long?, IReadOnlyList<string>)>($"{where}: every example of code '{code.Name}' must be a non-empty text.");
        }

        if (code.Citation is not null && string.IsNullOrWhiteSpace(code.Citation))
        {
            return Result.Fail<(long?, IReadOnlyList<string>)>($"{where}: code '{code.Name}' has an empty citation; give author, year and page or section, or leave it out.");
        }

        return Result.Ok<(long?, IReadOnlyList<string>)>((reference.Value, examples));
    }

    /// <summary>A whole number written in decimal digits, at least <paramref name="minimum"/>; null when absent.</summary>
    private static Result<long?> Count(string? text, long minimum, string what, string where)
    {
        if (text is null)
        {
            return Result.Ok<long?>(null);
        }

        return text.Length > 0 && !text.AsSpan().ContainsAnyExceptInRange('0', '9')
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? Result.Ok<long?>(value)
            : Result.Fail<long?>($"{where}: {what} must be a whole number of {minimum} or more, not '{text}'.");
    }
}
