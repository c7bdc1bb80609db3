using Waymark.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Waymark.Content.Codebooks;

/// <summary>
/// Loads and writes the YAML codebook format (docs/content-analysis.md):
/// <c>{name, description?, language?, ignore_diacritics?, themes: [{name, description?, color?, codes: [{name, description?, color?, patterns: [...]}]}]}</c>.
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
        var document = new CodebookDocument
        {
            Name = codebook.Name,
            Description = codebook.Description,
            Language = codebook.Language,
            IgnoreDiacritics = codebook.IgnoreDiacritics,
            Themes =
            [
                .. codebook.Themes.Select(t => new ThemeDocument
                {
                    Name = t.Name,
                    Description = t.Description,
                    Color = t.Color,
                    Codes = [.. t.Codes.Select(c => new CodeDocument { Name = c.Name, Description = c.Description, Color = c.Color, Patterns = [.. c.Patterns] })],
                }),
            ],
        };
        return new SerializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
            .Build()
            .Serialize(document);
    }

    internal static Result<Codebook> Validate(CodebookDocument document, string where)
    {
        if (string.IsNullOrWhiteSpace(document.Name))
        {
            return Result.Fail<Codebook>($"{where}: the codebook needs a name.");
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

                codes.Add(new Code(theme.Name, code.Name, code.Description, color.ToUpperInvariant(), patterns));
            }

            themes.Add(new Theme(theme.Name, theme.Description, themeColor.ToUpperInvariant(), codes));
        }

        return Result.Ok(new Codebook(document.Name, document.Description, document.IgnoreDiacritics, themes)
        {
            Language = string.IsNullOrWhiteSpace(document.Language) ? null : document.Language.Trim(),
        });
    }
}
