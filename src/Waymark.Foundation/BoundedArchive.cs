using System.IO.Compression;

namespace Waymark;

/// <summary>What an archive from an untrusted source may be; a limit of 0 is not checked.</summary>
/// <param name="MaxEntries">The most entries the archive may list.</param>
/// <param name="MaxEntryBytes">The most bytes one entry may inflate to.</param>
/// <param name="MaxTotalBytes">The most bytes all entries read may inflate to together.</param>
/// <param name="MaxCompressionRatio">The most an entry of over 1 MiB may claim to be compressed (0: not checked).</param>
public sealed record ArchiveLimits(int MaxEntries, long MaxEntryBytes, long MaxTotalBytes, int MaxCompressionRatio = 0);

/// <summary>Which limit an archive went past.</summary>
public enum ArchiveRefusal
{
    /// <summary>More entries than <see cref="ArchiveLimits.MaxEntries"/>.</summary>
    TooManyEntries,

    /// <summary>An entry name that could leave a folder or is not a plain relative path (path traversal).</summary>
    UnsafeName,

    /// <summary>An entry that declares, or inflates to, more than <see cref="ArchiveLimits.MaxEntryBytes"/>.</summary>
    EntryTooLarge,

    /// <summary>An entry that claims to be compressed more than <see cref="ArchiveLimits.MaxCompressionRatio"/> to 1.</summary>
    CompressedTooFar,

    /// <summary>The entries read inflate to more than <see cref="ArchiveLimits.MaxTotalBytes"/> together.</summary>
    TotalTooLarge,
}

/// <summary>
/// An archive went past a limit. Thrown while reading (an entry's stream may throw it from any read), caught where
/// the file is read and turned into the caller's own message (<see cref="Refusal"/>, <see cref="Entry"/> and
/// <see cref="Limit"/> say what happened).
/// </summary>
public sealed class ArchiveLimitException(ArchiveRefusal refusal, string entry, long limit)
    : Exception($"{refusal} at '{entry}' (limit {limit})")
{
    public ArchiveRefusal Refusal { get; } = refusal;

    /// <summary>The entry's name as the archive lists it (control characters shown as '?', at most 80 characters).</summary>
    public string Entry { get; } = Printable(entry);

    public long Limit { get; } = limit;

    private static string Printable(string name) => new([.. name.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
}

/// <summary>
/// The one reader of zip archives from untrusted sources (REFI-QDA projects, XLSForm workbooks): refuses too many
/// entries and unsafe entry names when opened, and counts the bytes actually inflated from each entry and in all,
/// never trusting the sizes the archive declares. Hostile input is stopped after bounded work with an
/// <see cref="ArchiveLimitException"/>; a damaged archive throws <see cref="InvalidDataException"/> as
/// <see cref="ZipArchive"/> does.
/// </summary>
public sealed class BoundedArchive : IDisposable
{
    private const long RatioCheckedFrom = 1024 * 1024;

    private readonly ZipArchive _zip;
    private readonly ArchiveLimits _limits;
    private long _total;

    private BoundedArchive(ZipArchive zip, ArchiveLimits limits)
    {
        _zip = zip;
        _limits = limits;
    }

    /// <summary>The entries, all with safe names.</summary>
    public IReadOnlyCollection<ZipArchiveEntry> Entries => _zip.Entries;

    /// <summary>Opens <paramref name="stream"/> (seekable) as an archive and checks its entry count and names.</summary>
    public static BoundedArchive Open(Stream stream, ArchiveLimits limits, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen);
        }
        catch when (!leaveOpen)
        {
            stream.Dispose();
            throw;
        }

        try
        {
            if (limits.MaxEntries > 0 && zip.Entries.Count > limits.MaxEntries)
            {
                throw new ArchiveLimitException(ArchiveRefusal.TooManyEntries, "", limits.MaxEntries);
            }

            if (zip.Entries.FirstOrDefault(entry => !IsSafeName(entry.FullName)) is { } unsafeEntry)
            {
                throw new ArchiveLimitException(ArchiveRefusal.UnsafeName, unsafeEntry.FullName, 0);
            }

            return new BoundedArchive(zip, limits);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A plain relative path: not empty, not rooted, no backslash, no drive or stream colon, no "." or ".."
    /// segment, no control character.
    /// </summary>
    public static bool IsSafeName(string name) =>
        !string.IsNullOrEmpty(name) && !name.StartsWith('/') && !name.Contains('\\', StringComparison.Ordinal)
        && !name.Contains(':', StringComparison.Ordinal) && !name.Split('/').Any(part => part is ".." or ".")
        && !name.Any(char.IsControl);

    /// <summary>The entry named exactly <paramref name="name"/> (or ignoring case, when told), or null.</summary>
    public ZipArchiveEntry? Find(string name, StringComparison comparison = StringComparison.Ordinal) =>
        _zip.Entries.FirstOrDefault(entry => string.Equals(entry.FullName, name, comparison));

    /// <summary>
    /// Opens an entry whose declared size and compression are within the limits; reading more than the entry's
    /// limit, or more than the archive's remaining budget, throws <see cref="ArchiveLimitException"/>.
    /// </summary>
    public Stream OpenEntry(ZipArchiveEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_limits.MaxEntryBytes > 0 && entry.Length > _limits.MaxEntryBytes)
        {
            throw new ArchiveLimitException(ArchiveRefusal.EntryTooLarge, entry.FullName, _limits.MaxEntryBytes);
        }

        if (_limits.MaxCompressionRatio > 0 && entry.Length > RatioCheckedFrom && entry.Length > entry.CompressedLength * _limits.MaxCompressionRatio)
        {
            throw new ArchiveLimitException(ArchiveRefusal.CompressedTooFar, entry.FullName, _limits.MaxCompressionRatio);
        }

        return new CountingStream(entry.Open(), entry.FullName, this);
    }

    public void Dispose() => _zip.Dispose();

    private void Count(string entry, long entryBytes, int read)
    {
        _total += read;
        if (_limits.MaxEntryBytes > 0 && entryBytes > _limits.MaxEntryBytes)
        {
            throw new ArchiveLimitException(ArchiveRefusal.EntryTooLarge, entry, _limits.MaxEntryBytes);
        }

        if (_limits.MaxTotalBytes > 0 && _total > _limits.MaxTotalBytes)
        {
            throw new ArchiveLimitException(ArchiveRefusal.TotalTooLarge, entry, _limits.MaxTotalBytes);
        }
    }

    /// <summary>Counts what is actually inflated: the sizes in a zip header may lie.</summary>
    private sealed class CountingStream(Stream inner, string entry, BoundedArchive archive) : ObservedReadStream(inner)
    {
        private long _read;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        protected override void Observe(int read)
        {
            _read += read;
            archive.Count(entry, _read, read);
        }
    }
}
