using Microsoft.AspNetCore.Mvc;
using Waymark.Storage;
using Waymark.Surveys;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.Instruments;

/// <summary>
/// One uploaded instrument: status, warnings, languages, pages, and the Publish and Close buttons
/// (POST with anti-forgery; publishing without a public key needs the <c>confirm_unsealed</c> box).
/// </summary>
public sealed class DetailModel(WaymarkDatabase database, SurveyCatalog catalog, InstrumentUploads uploads, ConsoleAccounts accounts) : ConsolePageModel
{
    public const string ConfirmUnsealedField = "confirm_unsealed";

    /// <summary>The box an editor ticks to publish a version without a public key ("yes").</summary>
    [BindProperty(Name = ConfirmUnsealedField)]
    public string? ConfirmUnsealed { get; set; }

    internal InstrumentInfo Info { get; private set; } = null!;

    internal string Status { get; private set; } = "";

    /// <summary>Whether this version is the one the public site serves now.</summary>
    internal bool Served { get; private set; }

    internal Instrument? Instrument { get; private set; }

    internal IReadOnlyList<Problem> Problems { get; private set; } = [];

    internal int PageCount { get; private set; }

    /// <summary>The version of this form served now or closed last (another version than this one), or null: what publishing replaces.</summary>
    internal SurveyEntry? Current { get; private set; }

    /// <summary>The questions that differ from <see cref="Current"/> (added, removed, another type, other choices).</summary>
    internal IReadOnlyList<QuestionChange> Changes { get; private set; } = [];

    /// <summary>Which texts each declared language lacks (null when the form does not build).</summary>
    internal TranslationReport? Translations { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        ShowNotice();
        return await ShowAsync(id, cancellationToken);
    }

    public async Task<IActionResult> OnPostPublishAsync(long id, CancellationToken cancellationToken) =>
        await AfterAsync(id, await uploads.PublishAsync(id, ConfirmUnsealed == "yes", Actor, cancellationToken), cancellationToken);

    /// <summary>
    /// The optional check before publishing: the research team's secret key (pasted) must be the
    /// secret half of this version's public key, proved by opening a test message sealed with the
    /// public key. Nothing is kept: every copy of the key made here is zeroed; the audit entry holds
    /// the fingerprint and the outcome only.
    /// </summary>
    public async Task<IActionResult> OnPostCheckKeyAsync(long id, string? keyText, CancellationToken cancellationToken)
    {
        var stored = await database.Instruments.FindAsync(id, cancellationToken);
        if (stored is null)
        {
            return NotFound();
        }

        var publicKey = stored.Info.PublicKey;
        string? problem;
        if (publicKey is null)
        {
            problem = "This version has no public key: there is nothing to check a secret key against.";
        }
        else if (string.IsNullOrWhiteSpace(keyText))
        {
            problem = "Paste the secret key (the one line of research.key) to check it.";
        }
        else
        {
            var input = GC.AllocateArray<byte>(System.Text.Encoding.UTF8.GetByteCount(keyText), pinned: true);
            System.Text.Encoding.UTF8.GetBytes(keyText, input);
            problem = CheckSecret(input, publicKey);
            await accounts.AuditAsync(Actor, "instrument key checked", $"{stored.Info.FormId} version {stored.Info.Version}, key {Waymark.Responses.SealingKeys.Fingerprint(publicKey)}: {(problem is null ? "the secret key opens it" : "not its secret key")}", cancellationToken);
        }

        var change = problem is null
            ? Result.Ok($"The secret key belongs to this version's public key ({Waymark.Responses.SealingKeys.Fingerprint(publicKey!)}): a test message sealed with it opened. Responses will open with this key. Nothing was kept.")
            : Result.Fail<string>(problem);
        return await AfterAsync(id, change, cancellationToken);
    }

    /// <summary>Null when <paramref name="input"/> is the secret half of <paramref name="publicKey"/>; otherwise why not. Zeroes the input and every copy.</summary>
    internal static string? CheckSecret(byte[] input, byte[] publicKey)
    {
        var secret = GC.AllocateArray<byte>(Waymark.Responses.SealingKeys.KeyBytes, pinned: true);
        try
        {
            if (input.Length > Waymark.Web.Analysis.ResponseAccess.MaxKeyInputBytes)
            {
                return "That is not a key: a key is one line.";
            }

            var kind = Waymark.Responses.SealingKeys.Decode(input, secret);
            if (kind is Waymark.Responses.KeyKind.Public or Waymark.Responses.KeyKind.Invalid
                || (kind == Waymark.Responses.KeyKind.Unmarked && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(secret, publicKey)))
            {
                return Waymark.Responses.SealingKeys.SecretRefusal(kind == Waymark.Responses.KeyKind.Invalid ? kind : Waymark.Responses.KeyKind.Public, "That key") + " Nothing was kept.";
            }

            var probe = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            var opened = Waymark.Responses.SealedBox.Open(Waymark.Responses.SealedBox.Seal(probe, publicKey), secret);
            return opened.IsSuccess && opened.Value!.AsSpan().SequenceEqual(probe)
                ? null
                : $"This is not the secret half of this version's public key ({Waymark.Responses.SealingKeys.Fingerprint(publicKey)}): responses sealed with it would not open with this key. Publish only with the public key whose secret half the research team holds. Nothing was kept.";
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(input);
        }
    }

    /// <summary>A change's kind in words, for the table shown before publishing.</summary>
    internal static string ChangeText(QuestionChangeKind kind) => kind switch
    {
        QuestionChangeKind.Added => "added",
        QuestionChangeKind.Removed => "removed",
        QuestionChangeKind.TypeChanged => "type changed",
        _ => "choices changed",
    };

    public async Task<IActionResult> OnPostCloseAsync(long id, CancellationToken cancellationToken) =>
        await AfterAsync(id, await uploads.CloseAsync(id, Actor, cancellationToken), cancellationToken);

    /// <summary>A change that succeeded redirects to the detail page (redirect after POST) and is said there once; a refused one shows the page with the reason and 400.</summary>
    private Task<IActionResult> AfterAsync(long id, Result<string> change, CancellationToken cancellationToken) =>
        AfterChangeAsync(change, () => ShowAsync(id, cancellationToken), new { id });

    private async Task<IActionResult> ShowAsync(long id, CancellationToken cancellationToken)
    {
        var stored = await database.Instruments.FindAsync(id, cancellationToken);
        if (stored is null)
        {
            return NotFound();
        }

        Info = stored.Info;
        Status = IndexModel.StatusOf(stored.Info, catalog);
        Served = stored.Info.Status == InstrumentStatus.Published && catalog.Find(stored.Info.FormId)?.StoredId == stored.Info.Id;
        var build = InstrumentUploads.Parse(stored.Xlsx);
        Instrument = build.Instrument;
        Problems = build.Problems;
        PageCount = Instrument is null ? 0 : new Waymark.Surveys.Paging.SurveyEngine(Instrument).Pages.Count;
        if (catalog.Find(Info.FormId) is { } current && current.Instrument.Settings.Version != Info.Version && !catalog.IsFolderForm(Info.FormId))
        {
            Current = current;
            Changes = Instrument is null ? [] : InstrumentDiff.Compare(current.Instrument, Instrument);
        }

        Translations = Instrument is null ? null : TranslationReport.Of(Instrument);
        return Page();
    }
}
