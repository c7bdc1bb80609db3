using System.IO.Compression;
using System.Text;

namespace Waymark.Content.Qda;

/// <summary>
/// What a REFI-QDA file may be, so a hostile one (a zip bomb, an entry named "../../x", a gigabyte
/// of XML) is refused with a clear message after bounded work: the archive's own size, then through
/// <see cref="BoundedArchive"/> its number of entries, each entry's name, and the bytes actually inflated
/// from each entry (never trusting the sizes the archive declares) and in all.
/// </summary>
internal static class QdaLimits
{
    /// <summary>The largest .qdpx or .qdc file read at all.</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    public const int MaxEntries = 10_000;

    /// <summary>The most bytes inflated from one entry (project.qde or one source's text).</summary>
    public const long MaxEntryBytes = 64L * 1024 * 1024;

    /// <summary>The most bytes inflated from one archive in all.</summary>
    public const long MaxTotalBytes = 256L * 1024 * 1024;

    /// <summary>The most characters of XML in project.qde or a .qdc.</summary>
    public const long MaxXmlCharacters = 64L * 1024 * 1024;

    /// <summary>Null when the file is small enough to read, else the message.</summary>
    public static string? CheckFileSize(string path)
    {
        var length = new FileInfo(path).Length;
        return length > MaxFileBytes ? $"{path}: the file is {length:N0} bytes; at most {MaxFileBytes:N0} are read." : null;
    }

    /// <summary>The archive limits above, for <see cref="BoundedArchive"/>.</summary>
    public static ArchiveLimits Archive { get; } = new(MaxEntries, MaxEntryBytes, MaxTotalBytes);

    /// <summary>What a person is told when a file went past a limit.</summary>
    public static string Describe(string path, ArchiveLimitException limit) => limit.Refusal switch
    {
        ArchiveRefusal.TooManyEntries => $"{path}: the archive has more than {MaxEntries:N0} entries; at most {MaxEntries:N0} are allowed.",
        ArchiveRefusal.UnsafeName => $"{path}: the archive holds an entry with an unsafe name ('{limit.Entry}'); it is refused.",
        _ => $"{path}: an entry ('{limit.Entry}') inflates to more than {limit.Limit:N0} bytes (a zip bomb?); it is refused.",
    };

    /// <summary>Reads an entry's text within the limits (UTF-8).</summary>
    public static string ReadText(BoundedArchive zip, ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(zip.OpenEntry(entry), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
