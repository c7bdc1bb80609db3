using System.Globalization;
using System.Text;
using Waymark.Screening.Terms;
using Waymark.Storage;

namespace Waymark.Web.Screening;

/// <summary>
/// What an editor does to term lists in the console: upload (checked in full, stored only when
/// valid), activate, deactivate, remove. Each change is audited (list name and id, never a query)
/// and made live on this node at once; other nodes follow within <see cref="ScreeningTerms.RefreshInterval"/>.
/// </summary>
internal sealed class TermListEditor(ScreeningTerms terms, WaymarkDatabase database, ConsoleAccounts accounts, TimeProvider time)
{
    /// <summary>Largest upload accepted, in bytes: the request size cap of the upload form.</summary>
    public const int MaxUploadBytes = ScreeningTermListStore.MaxContentLength;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks and stores an uploaded list. Nothing is stored when any problem is found.</summary>
    public async Task<TermListUpload> UploadAsync(string? name, byte[] bytes, string actor, CancellationToken cancellationToken)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > ScreeningTermListStore.MaxNameLength || name.Any(char.IsControl))
        {
            return Refused($"Give the list a name of 1 to {ScreeningTermListStore.MaxNameLength} characters.");
        }

        if (bytes.Length == 0)
        {
            return Refused("The file is empty.");
        }

        if (bytes.Length > MaxUploadBytes)
        {
            return Refused($"The file is larger than {MaxUploadBytes / (1024 * 1024)} MiB.");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            return Refused($"The file is not UTF-8 text (invalid bytes at offset {e.Index.ToString(CultureInfo.InvariantCulture)}).");
        }

        text = text.TrimStart('\uFEFF');
        var check = terms.Current.CheckTermList(text, name);
        if (!check.IsValid)
        {
            return new TermListUpload(Result.Fail<string>("The list was not stored: correct these lines and upload it again."), check.Problems);
        }

        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var id = await database.ScreeningTermLists.AddAsync(name, text, actor, day, active: true, cancellationToken).ConfigureAwait(false);
        var count = check.Entries.Count(e => e.Mode != MatchMode.Allow);
        await accounts.AuditAsync(actor, "term list uploaded", $"#{id.ToString(CultureInfo.InvariantCulture)} {name} ({count.ToString(CultureInfo.InvariantCulture)} terms)", cancellationToken).ConfigureAwait(false);
        await terms.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return new TermListUpload(Result.Ok($"List '{name}' stored with {count.ToString(CultureInfo.InvariantCulture)} terms and active on this node now, on every node within seconds."), []);
    }

    public Task<Result<string>> SetActiveAsync(long id, bool active, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, active ? "term list activated" : "term list deactivated",
            token => database.ScreeningTermLists.SetActiveAsync(id, active, token), cancellationToken);

    public Task<Result<string>> RemoveAsync(long id, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, "term list removed", token => database.ScreeningTermLists.RemoveAsync(id, token), cancellationToken);

    /// <summary>Makes a change and audits it; the message for the editor, or why nothing changed.</summary>
    private async Task<Result<string>> ChangeAsync(long id, string actor, string action, Func<CancellationToken, Task<bool>> change, CancellationToken cancellationToken)
    {
        var name = terms.State.Stored.FirstOrDefault(l => l.Id == id)?.Name
            ?? (await database.ScreeningTermLists.ReadAllAsync(cancellationToken).ConfigureAwait(false)).Lists.FirstOrDefault(l => l.Id == id)?.Name;
        if (name is null || !await change(cancellationToken).ConfigureAwait(false))
        {
            return Result.Fail<string>("No such term list (it may have been removed on another node).");
        }

        await accounts.AuditAsync(actor, action, $"#{id.ToString(CultureInfo.InvariantCulture)} {name}", cancellationToken).ConfigureAwait(false);
        await terms.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return Result.Ok($"{char.ToUpperInvariant(action[0])}{action[1..]}: {name}.");
    }

    private static TermListUpload Refused(string message) => new(Result.Fail<string>(message), []);
}

/// <summary>An upload: what was stored (the message for the editor) or why nothing was, and the problems by line.</summary>
internal sealed record TermListUpload(Result<string> Stored, IReadOnlyList<Problem> Problems);
