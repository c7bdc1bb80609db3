namespace Waymark.Surveys.Xlsx;

/// <summary>
/// Bounds that make a hostile file (zip bomb, giant sheet, endless entries) fail fast with a clear message.
/// A real XLSForm is a few hundred kilobytes; these are generous for forms and small for attacks.
/// </summary>
internal sealed record XlsxLimits
{
    public long MaxFileBytes { get; init; } = 20 * 1024 * 1024;

    public int MaxEntries { get; init; } = 500;

    public long MaxEntryBytes { get; init; } = 50 * 1024 * 1024;

    public long MaxTotalBytes { get; init; } = 100 * 1024 * 1024;

    /// <summary>Uncompressed/compressed above this is a zip bomb (XML compresses ~10-20x; bombs 1000x+).</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    public int MaxSheets { get; init; } = 64;

    public int MaxCells { get; init; } = 1_000_000;

    public int MaxSharedStrings { get; init; } = 1_000_000;

    public static XlsxLimits Default { get; } = new();
}
