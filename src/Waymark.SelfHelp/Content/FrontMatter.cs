using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Waymark.SelfHelp.Content;

/// <summary>A content file as written: YAML front matter between <c>---</c> lines, then Markdown.</summary>
public static class FrontMatter
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Reads the front matter as <typeparamref name="T"/> and returns the Markdown body.</summary>
    public static (T Header, string Body) Read<T>(string path, string text)
    {
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!normalised.StartsWith("---\n", StringComparison.Ordinal))
        {
            throw new ContentException(path, "must start with a line '---' and YAML front matter.");
        }

        var end = normalised.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new ContentException(path, "has no closing '---' line after its front matter.");
        }

        return (Deserialize<T>(path, normalised[4..(end + 1)]), normalised[(end + 5)..]);
    }

    public static T Deserialize<T>(string path, string yaml)
    {
        try
        {
            return Yaml.Deserialize<T>(yaml) ?? throw new ContentException(path, "has empty front matter.");
        }
        catch (YamlException error)
        {
            throw new ContentException(path, $"has invalid YAML at line {error.Start.Line}, column {error.Start.Column}: {error.InnerException?.Message ?? error.Message}");
        }
    }
}

/// <summary>A content file editors must fix; the message names the file and the problem. Public so that hosts can report it as a message rather than a crash.</summary>
#pragma warning disable CA1032 // Always built with a path and a message.
public sealed class ContentException(string path, string problem) : Exception($"{path} {problem}")
#pragma warning restore CA1032
{
    /// <summary>The file to fix.</summary>
    public string Path { get; } = path;
}
