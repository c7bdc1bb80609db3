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

    /// <summary>
    /// What the whole workbook may unpack to. 8 MiB: the largest real XLSForm among the pyxform examples
    /// unpacks to 2.2 MB; a 336 KB file that unpacked to 48 MB of long, repetitive labels cost 251 MB and
    /// 2.8 s to import under the former 100 MiB (docs/performance.md).
    /// </summary>
    public long MaxTotalBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Uncompressed/compressed above this is a zip bomb (XML compresses ~10-20x; bombs 1000x+).</summary>
    public int MaxCompressionRatio { get; init; } = 200;

    public int MaxSheets { get; init; } = 64;

    public int MaxCells { get; init; } = 1_000_000;

    public int MaxSharedStrings { get; init; } = 1_000_000;

    /// <summary>Characters in one cell: Excel's own limit (32,767), so no form a spreadsheet program wrote is refused.</summary>
    public int MaxCellCharacters { get; init; } = 32_767;

    public static XlsxLimits Default { get; } = new();

    /// <summary>The archive's part of these limits, for <see cref="BoundedArchive"/>.</summary>
    public ArchiveLimits Archive => new(MaxEntries, MaxEntryBytes, MaxTotalBytes, MaxCompressionRatio);
}
