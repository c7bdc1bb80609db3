using System.IO.Compression;
using System.Text;

namespace Waymark.Content.Qda;

/// <summary>
/// What a REFI-QDA file may be, so a hostile one (a zip bomb, an entry named "../../x", a gigabyte
/// of XML) is refused with a clear message after bounded work: the archive's own size, its number
/// of entries, each entry's name, and the bytes actually inflated from each entry (never trusting
/// the sizes the archive declares) and in all.
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

    /// <summary>Null when every entry name is a plain relative path and there are not too many entries, else the message.</summary>
    public static string? CheckEntries(ZipArchive zip, string path)
    {
        if (zip.Entries.Count > MaxEntries)
        {
            return $"{path}: the archive has {zip.Entries.Count:N0} entries; at most {MaxEntries:N0} are allowed.";
        }

        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName;
            if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal)
                || name.Split('/').Any(part => part is ".." or ".") || name.Any(char.IsControl))
            {
                return $"{path}: the archive holds an entry with an unsafe name ('{Printable(name)}'); it is refused.";
            }
        }

        return null;
    }

    /// <summary>
    /// Opens an entry so that reading more than <see cref="MaxEntryBytes"/> from it, or more than the
    /// archive's remaining budget, fails with <see cref="LimitExceededException"/>.
    /// </summary>
    public static Stream OpenBounded(ZipArchiveEntry entry, Budget budget) => new BoundedStream(entry.Open(), Math.Min(MaxEntryBytes, budget.Remaining), budget);

    private static string Printable(string name) =>
        new([.. name.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);

    /// <summary>The bytes still allowed to be inflated from one archive.</summary>
    internal sealed class Budget
    {
        public long Remaining { get; set; } = MaxTotalBytes;
    }

    private sealed class BoundedStream(Stream inner, long limit, Budget budget) : ObservedReadStream(inner)
    {
        private long _read;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        protected override void Observe(int read)
        {
            _read += read;
            budget.Remaining -= read;
            if (_read > limit || budget.Remaining < 0)
            {
                throw new LimitExceededException($"an entry inflates to more than {limit:N0} bytes (a zip bomb?)");
            }
        }
    }

    /// <summary>Reads an entry's text within the limits (UTF-8).</summary>
    public static string ReadText(ZipArchiveEntry entry, Budget budget)
    {
        using var reader = new StreamReader(OpenBounded(entry, budget), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

/// <summary>A hostile or oversized input went past a limit; caught where the file is read and turned into a message.</summary>
internal sealed class LimitExceededException(string message) : Exception(message);
