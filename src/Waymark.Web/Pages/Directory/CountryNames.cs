using System.Collections.Frozen;

namespace Waymark.Web.Pages.Directory;

/// <summary>
/// Every region's name in each of the site's languages, from the Unicode CLDR (<c>Resources/countries.tsv</c>, made by
/// <c>tools/cldr-countries.py</c>; licence beside it). The runtime's <c>RegionInfo.DisplayName</c> gives one language
/// for every reader (on Linux, the country's own: "España" on an Arabic page), so the names are shipped as data.
/// </summary>
internal static class CountryNames
{
    private static readonly Lazy<FrozenDictionary<string, string>> Names = new(Load);

    /// <summary>The name of region <paramref name="code"/> (ISO 3166-1 alpha-2) in site language <paramref name="language"/>, or null when the table has none.</summary>
    public static string? Of(string code, string language) =>
        Names.Value.TryGetValue(Key(code, language), out var name) ? name : null;

    private static string Key(string code, string language) => code.ToUpperInvariant() + "\t" + language.ToLowerInvariant();

    private static FrozenDictionary<string, string> Load()
    {
        using var stream = typeof(CountryNames).Assembly.GetManifestResourceStream("Waymark.Web.countries.tsv")
            ?? throw new InvalidOperationException("countries.tsv is not embedded.");
        using var reader = new StreamReader(stream);
        string[]? languages = null;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var fields = line.Split('\t');
            if (languages is null)
            {
                languages = fields;
                continue;
            }

            for (var i = 1; i < fields.Length && i < languages.Length; i++)
            {
                if (fields[i].Length > 0)
                {
                    names[Key(fields[0], languages[i])] = fields[i];
                }
            }
        }

        return names.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
