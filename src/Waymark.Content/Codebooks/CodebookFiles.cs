using Waymark.Content.Qda;

namespace Waymark.Content.Codebooks;

/// <summary>Reads a codebook by extension: .qdc is REFI-QDA, anything else YAML; writes either.</summary>
internal static class CodebookFiles
{
    public static Result<Codebook> Load(string path) =>
        string.Equals(Path.GetExtension(path), ".qdc", StringComparison.OrdinalIgnoreCase)
            ? (File.Exists(path) ? QdcCodebook.Import(path) : Result.Fail<Codebook>($"{path}: no such codebook file."))
            : CodebookYaml.Load(path);

    public static void Save(Codebook codebook, string path)
    {
        if (string.Equals(Path.GetExtension(path), ".qdc", StringComparison.OrdinalIgnoreCase))
        {
            QdcCodebook.Export(codebook).Save(path);
        }
        else
        {
            File.WriteAllText(path, CodebookYaml.Write(codebook));
        }
    }
}
