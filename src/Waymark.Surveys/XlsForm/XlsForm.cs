using Waymark.Surveys.Xlsx;

namespace Waymark.Surveys.XlsForm;

/// <summary>
/// The public entry point for XLSForm files: reads an .xlsx with the bounded reader and imports it.
/// A damaged or hostile file, or an unsupported feature, comes back as problems, never as an exception.
/// </summary>
public static class XlsFormFile
{
    public static InstrumentBuild Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = File.OpenRead(path);
            return Load(stream, Path.GetFileName(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new InstrumentBuild(null, [new Problem(Path.GetFileName(path), 0, null, "cannot read the file: " + e.Message)]);
        }
    }

    /// <summary>Reads from a stream; <paramref name="fileName"/> gives the form id when the settings have none.</summary>
    public static InstrumentBuild Load(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var read = XlsxReader.Read(stream);
        if (!read.IsSuccess)
        {
            var problem = read.Problem!;
            return new InstrumentBuild(null, [problem.Source is null ? problem with { Source = fileName } : problem]);
        }

        var formId = Path.GetFileNameWithoutExtension(fileName);
        return XlsFormImporter.Import(read.Value!, formId.Length > 0 ? formId : "form");
    }
}
