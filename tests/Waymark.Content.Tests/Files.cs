using Waymark.Testing;

namespace Waymark.Content.Tests;

/// <summary>Temporary files and the external programs the tests drive (xmllint, ripgrep).</summary>
internal static class Files
{
    public static string Codebooks { get; } = Path.Combine(TestEnvironment.RepositoryRoot, "codebooks");

    public static string Write(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs a program to completion and returns its exit code, standard output and standard error.</summary>
    public static (int Code, string Output, string Error) Run(string program, params string[] arguments)
    {
        var run = ExternalProgram.Run(program, arguments);
        return (run.ExitCode, run.Output, run.Error);
    }

    /// <summary>xmllint's verdict on a file against a schema (or well-formedness only when the schema is null).</summary>
    public static void AssertXmlValid(string path, string? schema)
    {
        var arguments = schema is null ? new[] { "--noout", path } : ["--noout", "--schema", schema, path];
        var (code, _, error) = Run("xmllint", arguments);
        Assert.True(code == 0, $"xmllint rejected {path}:\n{error}");
    }
}
