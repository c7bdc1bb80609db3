using System.Text.RegularExpressions;
using Waymark.Responses;
using Waymark.Storage;
using Waymark.Surveys;
using Waymark.Surveys.XlsForm;

namespace Waymark.Web.Surveys;

/// <summary>
/// The console's instrument work: checking an uploaded XLSForm and public key (by content, within
/// caps), storing it as a draft, publishing and closing, each audited and reflected in this node's
/// catalog at once (the other nodes follow within <see cref="SurveyOptions.CatalogPollInterval"/>).
/// One upload is checked at a time on a node: a second one meanwhile is told at once that the server
/// is busy (nothing stored), so concurrent uploads never pile up parses (docs/performance.md).
/// </summary>
public sealed partial class InstrumentUploads : IDisposable
{
    private readonly SemaphoreSlim _importing = new(1, 1);
    private readonly SurveyCatalog _catalog;
    private readonly InstrumentCatalogSync _sync;
    private readonly WaymarkDatabase _database;
    private readonly ConsoleAccounts _accounts;
    private readonly TimeProvider _time;

    internal InstrumentUploads(SurveyCatalog catalog, InstrumentCatalogSync sync, WaymarkDatabase database, ConsoleAccounts accounts, TimeProvider time)
    {
        _catalog = catalog;
        _sync = sync;
        _database = database;
        _accounts = accounts;
        _time = time;
    }

    /// <summary>Largest XLSForm accepted (the store's cap).</summary>
    public const int MaxFormBytes = InstrumentStore.MaxXlsxBytes;

    /// <summary>Largest public-key file accepted: one line of Base64 is 45 bytes.</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>Largest upload request: the form, the key and the multipart framing.</summary>
    public const long MaxRequestBytes = MaxFormBytes + (64 * 1024);

    /// <summary>What a second upload is told while one is being checked.</summary>
    internal const string BusyMessage = "another XLSForm upload is being checked on this server right now, and forms are checked one at a time; nothing was stored. Upload it again in a few seconds";

    /// <summary>Holds the import slot as an upload being checked does (tests); null when it is taken. Dispose to release.</summary>
    internal IDisposable? TryHoldImport() => _importing.Wait(0) ? new Release(_importing) : null;

    public void Dispose() => _importing.Dispose();

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OldExcelMagic = [0xD0, 0xCF, 0x11, 0xE0];

    /// <summary>Checks and stores an upload as a draft; the problems (by sheet, row, column) when it does not import.</summary>
    internal async Task<InstrumentUpload> UploadAsync(IFormFile? form, IFormFile? key, string actor, CancellationToken cancellationToken)
    {
        if (form is null || form.Length == 0)
        {
            return InstrumentUpload.Refused("choose an XLSForm (.xlsx) file to upload");
        }

        var bytes = await ReadBoundedAsync(form, MaxFormBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return InstrumentUpload.Refused($"the form is larger than {MaxFormBytes / (1024 * 1024)} MB");
        }

        if (bytes.AsSpan().StartsWith(OldExcelMagic))
        {
            return InstrumentUpload.Refused("this is an old-style .xls workbook; save it as .xlsx (Excel Workbook) and upload that");
        }

        if (!bytes.AsSpan().StartsWith(ZipMagic))
        {
            return InstrumentUpload.Refused("this file is not an .xlsx workbook (an .xlsx file is a zip archive, and this one does not start like one), whatever its name says");
        }

        byte[]? publicKey = null;
        if (key is { Length: > 0 })
        {
            var keyBytes = await ReadBoundedAsync(key, MaxKeyBytes, cancellationToken).ConfigureAwait(false);
            var parsed = keyBytes is null
                ? Result.Fail<byte[]>($"the public key file is larger than {MaxKeyBytes} bytes; upload research.pub as written by 'waymark keys generate'")
                : SealingKeys.ParsePublic(keyBytes, "the public key file");
            if (!parsed.IsSuccess)
            {
                return InstrumentUpload.Refused(parsed.Error!);
            }

            publicKey = parsed.Value;
        }

        if (!_importing.Wait(0, CancellationToken.None))
        {
            return InstrumentUpload.Refused(BusyMessage) with { Busy = true };
        }

        InstrumentBuild build;
        try
        {
            build = Parse(bytes);
        }
        finally
        {
            _importing.Release();
        }

        var problems = build.Problems.ToList();
        if (build.Instrument is { } instrument)
        {
            problems.AddRange(ConsoleProblems(instrument));
        }

        if (build.Instrument is null || problems.Any(p => p.Fatal))
        {
            return new InstrumentUpload(Result.Fail<SavedDraft>("the form does not import; nothing was stored"), problems);
        }

        var settings = build.Instrument.Settings;
        var saved = await _database.Instruments.SaveDraftAsync(
            new NewInstrument(settings.FormId, settings.Version, settings.Title, build.Instrument.Languages.Select(l => l.Key).ToList(), bytes, publicKey, Today(), actor),
            cancellationToken).ConfigureAwait(false);
        if (!saved.IsSuccess)
        {
            return new InstrumentUpload(saved, []);
        }

        await _accounts.AuditAsync(actor, saved.Value!.ReplacedDraft ? "instrument draft replaced" : "instrument uploaded", Describe(settings.FormId, settings.Version, publicKey), cancellationToken).ConfigureAwait(false);
        return new InstrumentUpload(saved, problems);
    }

    /// <summary>Imports stored or uploaded bytes (the bounded reader's caps apply: docs/adr/0010).</summary>
    public static InstrumentBuild Parse(byte[] xlsx)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        using var stream = new MemoryStream(xlsx, writable: false);

        // The upload's own name never names the form: without a form_id setting it is refused (ConsoleProblems).
        return XlsFormFile.Load(stream, "form.xlsx");
    }

    /// <summary>Publishes a draft (or reopens a closed upload). Without a public key only when the editor confirmed it.</summary>
    internal async Task<Result<string>> PublishAsync(long id, bool unsealedConfirmed, string actor, CancellationToken cancellationToken)
    {
        var stored = await _database.Instruments.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return Result.Fail<string>("there is no such instrument");
        }

        if (!stored.Info.HasPublicKey && !unsealedConfirmed)
        {
            return Result.Fail<string>("this instrument has no public key, so its responses would be stored unsealed (readable by anyone holding the database). Tick the confirmation to publish it anyway, or upload it again with the research team's public key");
        }

        if (_catalog.IsFolderForm(stored.Info.FormId))
        {
            return Result.Fail<string>($"form id '{stored.Info.FormId}' is served from the surveys folder on the server");
        }

        // The key is pinned at the first publish: another key, or none, waits for an analyst or admin.
        var pin = await _database.Instruments.PinAsync(stored.Info.FormId, cancellationToken).ConfigureAwait(false);
        if (pin is not null && !SameKey(pin.PublicKey, stored.PublicKey))
        {
            if (!await _database.Instruments.MarkKeyChangeAsync(id, actor, cancellationToken).ConfigureAwait(false))
            {
                return Result.Fail<string>($"an instrument that is {InstrumentStore.StatusText(stored.Info.Status)} cannot be published");
            }

            await _accounts.AuditAsync(actor, "instrument key change requested", DescribeKeyChange(stored.Info, pin.PublicKey), cancellationToken).ConfigureAwait(false);
            return Result.Ok(
                $"not published yet: {stored.Info.FormId} is pinned to the key {KeyText(pin.PublicKey)} (version {pin.Version}), and this version has {KeyText(stored.PublicKey)}. " +
                "An analyst or an admin must approve the change at /console/keychanges before this version is served; the request is in the audit log");
        }

        return await ChangeAsync(stored.Info, InstrumentStatus.Published, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every version waiting for a key-change approval, with the pinned and the new key's fingerprints.</summary>
    internal async Task<IReadOnlyList<PendingKeyChange>> PendingKeyChangesAsync(CancellationToken cancellationToken)
    {
        var pending = new List<PendingKeyChange>();
        foreach (var info in (await _database.Instruments.ListAsync(cancellationToken).ConfigureAwait(false)).Where(i => i.KeyChangeRequestedBy is not null))
        {
            var pin = await _database.Instruments.PinAsync(info.FormId, cancellationToken).ConfigureAwait(false);
            pending.Add(new PendingKeyChange(info, KeyText(pin?.PublicKey), KeyText(info.PublicKey)));
        }

        return pending;
    }

    /// <summary>
    /// An analyst or admin approves a key change: the version is published with its key, which is
    /// pinned from then on. <paramref name="shownKey"/> is the fingerprint the approver saw, so a
    /// draft replaced in the meantime is not published on an approval given to another key.
    /// </summary>
    internal async Task<Result<string>> ApproveKeyChangeAsync(long id, string shownKey, string actor, CancellationToken cancellationToken)
    {
        var stored = await _database.Instruments.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (stored?.Info.KeyChangeRequestedBy is not { } requestedBy)
        {
            return Result.Fail<string>("no key change waits for approval there");
        }

        if (!string.Equals(shownKey, KeyText(stored.PublicKey), StringComparison.Ordinal))
        {
            return Result.Fail<string>($"the key of {stored.Info.FormId} version {stored.Info.Version} is now {KeyText(stored.PublicKey)}, not the {shownKey} you approved; look at it again");
        }

        var pin = await _database.Instruments.PinAsync(stored.Info.FormId, cancellationToken).ConfigureAwait(false);
        var change = await ChangeAsync(stored.Info, InstrumentStatus.Published, actor, cancellationToken).ConfigureAwait(false);
        if (change.IsSuccess)
        {
            await _accounts.AuditAsync(actor, "instrument key change approved", $"{DescribeKeyChange(stored.Info, pin?.PublicKey)}, asked by {requestedBy}", cancellationToken).ConfigureAwait(false);
        }

        return change;
    }

    /// <summary>An analyst or admin refuses a key change: the version stays unpublished.</summary>
    internal async Task<Result<string>> RefuseKeyChangeAsync(long id, string actor, CancellationToken cancellationToken)
    {
        var stored = await _database.Instruments.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (stored?.Info.KeyChangeRequestedBy is not { } requestedBy || !await _database.Instruments.MarkKeyChangeAsync(id, null, cancellationToken).ConfigureAwait(false))
        {
            return Result.Fail<string>("no key change waits for approval there");
        }

        var pin = await _database.Instruments.PinAsync(stored.Info.FormId, cancellationToken).ConfigureAwait(false);
        await _accounts.AuditAsync(actor, "instrument key change refused", $"{DescribeKeyChange(stored.Info, pin?.PublicKey)}, asked by {requestedBy}", cancellationToken).ConfigureAwait(false);
        return Result.Ok($"the key change of {stored.Info.FormId} version {stored.Info.Version} was refused; the version stays unpublished");
    }

    /// <summary>Closes a published upload: no new responses; stored responses stay.</summary>
    internal async Task<Result<string>> CloseAsync(long id, string actor, CancellationToken cancellationToken)
    {
        var stored = await _database.Instruments.FindAsync(id, cancellationToken).ConfigureAwait(false);
        return stored is null
            ? Result.Fail<string>("there is no such instrument")
            : await ChangeAsync(stored.Info, InstrumentStatus.Closed, actor, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Result<string>> ChangeAsync(InstrumentInfo info, InstrumentStatus status, string actor, CancellationToken cancellationToken)
    {
        if (!await _database.Instruments.SetStatusAsync(info.Id, status, cancellationToken).ConfigureAwait(false))
        {
            return Result.Fail<string>($"an instrument that is {InstrumentStore.StatusText(info.Status)} cannot be {InstrumentStore.StatusText(status)}");
        }

        var action = status == InstrumentStatus.Published ? "instrument published" : "instrument closed";
        await _accounts.AuditAsync(actor, action, Describe(info.FormId, info.Version, info.PublicKey), cancellationToken).ConfigureAwait(false);
        await _sync.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return Result.Ok($"{info.FormId} version {info.Version} is now {InstrumentStore.StatusText(status)}");
    }

    /// <summary>What the console needs beyond a valid XLSForm: an id fit for a URL, a version, no clash with a folder form.</summary>
    private IEnumerable<Problem> ConsoleProblems(Instrument instrument)
    {
        var settings = instrument.Settings;
        if (!FormIdPattern().IsMatch(settings.FormId) || settings.FormId == "form")
        {
            yield return new Problem("settings", 0, "form_id",
                "give the form a form_id of 1 to 64 letters, digits, '.', '-' or '_' (starting with a letter or digit): it becomes the survey's address /{lang}/s/{form_id}");
        }

        if (string.IsNullOrWhiteSpace(settings.Version) || settings.Version.Length > 64)
        {
            yield return new Problem("settings", 0, "version",
                "give the form a version (1 to 64 characters), and a new one for every change: respondents part-way through an older version start again");
        }

        if (_catalog.IsFolderForm(settings.FormId))
        {
            yield return new Problem("settings", 0, "form_id", $"form id '{settings.FormId}' is served from the surveys folder on the server; use another form_id");
        }
    }

    private static string Describe(string formId, string version, byte[]? publicKey) =>
        $"{formId} version {version} ({(publicKey is null ? "responses NOT sealed" : "responses sealed, key " + SealingKeys.Fingerprint(publicKey))})";

    private static string DescribeKeyChange(InstrumentInfo info, byte[]? pinned) =>
        $"{info.FormId} version {info.Version}: key {KeyText(pinned)} -> {KeyText(info.PublicKey)}";

    /// <summary>A key as the console shows it: its fingerprint, or that there is none.</summary>
    internal static string KeyText(byte[]? publicKey) => publicKey is null ? "none (unsealed)" : SealingKeys.Fingerprint(publicKey);

    private static bool SameKey(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private DateOnly Today() => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    /// <summary>Reads a file of at most <paramref name="max"/> bytes; null when it is larger (never reading more than one byte past the cap).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(IFormFile file, int max, CancellationToken cancellationToken)
    {
        if (file.Length > max)
        {
            return null;
        }

        await using var stream = file.OpenReadStream();
        var buffer = new byte[Math.Min(file.Length, max) + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total > max ? null : buffer[..total];
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex FormIdPattern();
}

/// <summary>An upload: the stored draft or why nothing was stored, and the form's problems (errors and warnings) by sheet, row and column.</summary>
internal sealed record InstrumentUpload(Result<SavedDraft> Saved, IReadOnlyList<Problem> Problems)
{
    /// <summary>Refused only because another upload was being checked: answer 503 with <c>Retry-After</c>.</summary>
    public bool Busy { get; init; }

    public static InstrumentUpload Refused(string error) => new(Result.Fail<SavedDraft>(error), []);
}


/// <summary>A version waiting for a key-change approval: the pinned key's and its own key's fingerprints (or "none").</summary>
internal sealed record PendingKeyChange(InstrumentInfo Info, string PinnedKey, string NewKey);
