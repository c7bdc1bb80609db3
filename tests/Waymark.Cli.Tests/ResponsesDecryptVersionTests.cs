using Waymark.Responses;
using Waymark.Storage;
using Waymark.Testing;

namespace Waymark.Cli.Tests;

/// <summary>
/// <c>waymark responses decrypt</c> offline with an older or a newer version of the form than some responses were given in:
/// nothing is dropped without a word, and with both forms a question a version did not have is "not asked", not empty.
/// </summary>
public sealed class ResponsesDecryptVersionTests : IDisposable
{
    private readonly TempFolder _temp = TempFolder.Create("ResponsesDecryptVersionTests");

    public void Dispose() => _temp.Dispose();

    /// <summary>Version 1 asks <c>mood</c> and <c>removed</c>; version 2 drops <c>removed</c> and adds <c>added</c>.</summary>
    private static string Form(string directory, string version)
    {
        var path = Path.Combine(directory, $"form-v{version}.xlsx");
        if (File.Exists(path))
        {
            return path;
        }

        List<IReadOnlyList<string>> survey = [["type", "name", "label"], ["select_one mood", "mood", "Mood"]];
        survey.Add(version == "1" ? ["text", "removed", "Removed later"] : ["integer", "added", "Added later"]);
        XlsxWriter.Write(path, [
            ("survey", survey),
            ("choices", [["list_name", "name", "label"], ["mood", "good", "Good"], ["mood", "bad", "Bad"]]),
            ("settings", [["form_id", "version"], ["versioned", version]]),
        ]);
        return path;
    }

    /// <summary>Two sealed responses, one per version, with their page times, exported as <c>waymark responses export</c> writes them.</summary>
    private static async Task<(string Export, string Key)> ExportAsync(string directory)
    {
        var keys = SealingKeys.Generate(Path.Combine(directory, "keys")).Value;
        var publicKey = SealingKeys.ReadPublic(keys.PublicKeyPath).Value!;
        ResponseRecord[] records =
        [
            new() { Id = "old1", Instrument = "versioned", Version = "1", Language = "en", Answers = new Dictionary<string, string> { ["mood"] = "good", ["removed"] = "zorblat" }, PageSeconds = [31, 42] },
            new() { Id = "new1", Instrument = "versioned", Version = "2", Language = "de", Answers = new Dictionary<string, string> { ["mood"] = "bad", ["added"] = "7" }, PageSeconds = [5] },
        ];
        var export = Path.Combine(directory, "export.jsonl");
        await using (var writer = new StreamWriter(export))
        {
            await ResponseArchive.WriteAsync(records.Select(r => new StoredResponse(r.Id, r.Instrument, null, true, SealedBox.Seal(r.ToJsonBytes(), publicKey), string.Empty)), writer);
        }

        return (export, keys.SecretKeyPath);
    }

    private static List<string[]> Csv(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "versioned.csv")).Select(l => l.Split(',')).ToList();

    [Fact]
    public async Task With_the_older_form_alone_the_newer_answers_are_named_and_kept()
    {
        var directory = _temp.NewFolder("decrypt-versions");
        var (export, key) = await ExportAsync(directory);
        var output = Path.Combine(directory, "old");
        var (code, _, error) = await CliRun.RunAsync("responses", "decrypt", Form(directory, "1"), "--key", key, "--in", export, "--out", output);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("warning: added: 1 answer(s) given in version 2 to a question the form used (version 1) does not have: kept as text in column added at the end", error, StringComparison.Ordinal);
        Assert.Contains("warning: 1 response(s) were given in version 2, whose form was not given", error, StringComparison.Ordinal);

        var rows = Csv(output);
        Assert.Equal(["response_id", "response_date", "form_version", "language", "duration_s", "mood", "removed", "added", "flags"], rows[0]);
        var newer = rows.Single(r => r[0] == "new1");
        Assert.Equal(("2", "de", "10", "7"), (newer[2], newer[3], newer[4], newer[Array.IndexOf(rows[0], "added")]));
        Assert.Equal("70", rows.Single(r => r[0] == "old1")[4]); // 73 seconds, rounded to 10
    }

    [Fact]
    public async Task With_both_forms_a_question_a_version_lacked_is_not_asked()
    {
        var directory = _temp.NewFolder("decrypt-versions-both");
        var (export, key) = await ExportAsync(directory);
        var output = Path.Combine(directory, "both");
        var (code, _, error) = await CliRun.RunAsync("responses", "decrypt", Form(directory, "2"), "--other-form", Form(directory, "1"), "--key", key, "--in", export, "--out", output);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.DoesNotContain("warning", error, StringComparison.Ordinal);

        var rows = Csv(output);
        string Cell(string id, string variable) => rows.Single(r => r[0] == id)[Array.IndexOf(rows[0], variable)];
        Assert.Equal(("-97", "7"), (Cell("old1", "added"), Cell("new1", "added")));
        Assert.Equal(("zorblat", "-97"), (Cell("old1", "removed"), Cell("new1", "removed")));
        var codebook = await File.ReadAllTextAsync(Path.Combine(output, "versioned_codebook.csv"));
        Assert.Contains("removed,removed,Removed later (version 1),text,missing -97=Not asked in this version (the question was not in the form version of the response)", codebook, StringComparison.Ordinal);

        // Another form's id is refused before anything is written.
        var stranger = Path.Combine(directory, "stranger.xlsx");
        XlsxWriter.Write(stranger, [("survey", [["type", "name", "label"], ["text", "t", "T"]]), ("settings", [["form_id", "version"], ["other", "1"]])]);
        var (refused, _, why) = await CliRun.RunAsync("responses", "decrypt", Form(directory, "2"), "--other-form", stranger, "--key", key, "--in", export, "--out", Path.Combine(directory, "no"));
        Assert.Equal(ExitCodes.Failure, refused);
        Assert.Contains("form_id 'other' is not the form's ('versioned')", why, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(directory, "no")));
    }
}
