using Waymark.Testing;

namespace Waymark.Cli.Tests;

/// <summary>
/// The coding-only build of <c>waymark</c> (src/Waymark.Cli.Native, published ahead of time by scripts/publish-cli.sh):
/// it codes as the full CLI does and hands every other command line to <c>waymark-full</c> beside it. Run here as the
/// solution build leaves it (the same code, compiled as it starts); bench/content/languages.sh runs the published one.
/// </summary>
public sealed class CodingFrontTests : IDisposable
{
    private static readonly string Build = Path.Combine(TestEnvironment.RepositoryRoot, "src", "Waymark.Cli.Native", "bin", "Release", "net10.0");
    private static readonly string Full = Path.Combine(TestEnvironment.RepositoryRoot, "src", "Waymark.Cli", "bin", "Release", "net10.0", "waymark");
    private static readonly string Huikuri = Path.Combine(TestEnvironment.RepositoryRoot, "codebooks", "huikuri-2022.yaml");

    private readonly TempFolder _temp = TempFolder.Create("CodingFrontTests");

    public void Dispose() => _temp.Dispose();

    // The front's build output in a folder of its own, with the full CLI linked in as waymark-full when asked for.
    private string Front(bool withFull)
    {
        var folder = _temp.NewFolder("front");
        foreach (var file in Directory.EnumerateFiles(Build, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(folder, Path.GetRelativePath(Build, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        if (withFull)
        {
            File.CreateSymbolicLink(Path.Combine(folder, "waymark-full"), Full);
        }

        return Path.Combine(folder, "waymark-native");
    }

    private string Corpus()
    {
        var path = _temp.File("forum.txt");
        File.WriteAllText(path, "I feel alone tonight.\n\nDoes anyone feel the same? Support helps, and we care.\n\nReal help is close: share how you feel.\n");
        return path;
    }

    [Fact]
    public async Task It_codes_as_the_full_cli_does()
    {
        var front = Front(withFull: false);
        var corpus = Corpus();
        foreach (string[] args in (string[][])[["code", corpus, "--codebook", Huikuri, "--json"], ["code", corpus, "--codebook", Huikuri], ["code", "kwic", corpus, "--codebook", Huikuri, "--code", "Feel", "--json"]])
        {
            var expected = await CliRun.RunAsync(args);
            var run = await ExternalProgram.RunAsync(front, args);
            Assert.Equal((expected.Code, expected.Output, expected.Error), (run.ExitCode, run.Output, run.Error));
        }
    }

    [Fact]
    public async Task It_hands_every_other_command_line_to_the_full_cli()
    {
        var front = Front(withFull: true);
        foreach (string[] args in (string[][])[["--version"], ["--help"], ["stats", "--help"], ["cod"], []])
        {
            var expected = await ExternalProgram.RunAsync(Full, args);
            var run = await ExternalProgram.RunAsync(front, args);
            Assert.Equal((expected.ExitCode, expected.Output, expected.Error), (run.ExitCode, run.Output, run.Error));
        }
    }

    [Fact]
    public async Task Without_the_full_cli_beside_it_other_commands_fail_clearly_and_coding_still_works()
    {
        var front = Front(withFull: false);
        var run = await ExternalProgram.RunAsync(front, ["stats", "--help"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("waymark-full is missing", run.Error, StringComparison.Ordinal);
        (await ExternalProgram.RunAsync(front, ["code", Corpus(), "--codebook", Huikuri])).AssertSuccess();
    }
}
