using Microsoft.AspNetCore.Mvc;
using Waymark.Surveys;
using Waymark.Web.Analysis;
using Waymark.Web.Surveys;

namespace Waymark.Web.Pages.Console.Responses;

/// <summary>
/// One instrument's answers, a page at a time, opened in memory; for a sealed instrument first the
/// unlock form (the key file or pasted key). The request is capped at 16 KiB so that the upload is
/// read in memory and never buffered to a temporary file (ASP.NET buffers form files larger than 64 KiB to disk).
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes, ValueLengthLimit = MaxRequestBytes)]
public sealed class AnswersModel(SurveyCatalog catalog, ResponseAccess access, ConsoleAccounts accounts) : AnalystPage(catalog, access, accounts)
{
    public const int MaxRequestBytes = 16 * 1024;
    public const int PageSize = 25;

    internal OpenedResponses? Opened { get; private set; }

    /// <summary>The opened responses the filter keeps, with the instrument's marks.</summary>
    internal FilteredResponses? Filtered { get; private set; }

    /// <summary>This page of the kept responses.</summary>
    internal IReadOnlyList<Waymark.Responses.ResponseRecord> Shown { get; private set; } = [];

    internal ResponseFilter Filter { get; private set; } = null!;

    /// <summary>Codes or labels, and the column sorted on.</summary>
    internal AnswerView View { get; private set; } = null!;

    public int PageNumber { get; private set; } = 1;

    public long Total { get; private set; }

    public string? Error { get; private set; }

    public string? Message { get; private set; }

    /// <summary>The instrument's public keys this session has not unlocked (when it holds at least one other).</summary>
    internal IReadOnlyList<byte[]> MissingKeys => CanRead ? Access.MissingKeys(Entry, SessionId) : [];

    internal IReadOnlyList<Question> Columns =>
        Entry.Instrument.Questions.Where(q => q.Type is not (QuestionType.Note or QuestionType.Calculate)).ToList();

    public int PageCount => (int)Math.Max(1, ((Filtered?.Kept.Count ?? Total) + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(string instrument, int? p, string? language, string? unlocked, CancellationToken cancellationToken)
    {
        if (!Load(instrument, language))
        {
            return NotFound();
        }

        if (unlocked == "yes" && CanRead)
        {
            Message = "Unlocked for this session. The key is held in this node's memory only, until you lock, sign out or the session ends.";
        }

        PageNumber = Math.Max(1, p ?? 1);
        await ShowAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// Sets one response aside as test or junk, or puts it back (<paramref name="mark"/> "none"):
    /// audited, reversible, nothing deleted; then back to the same filtered page (redirect after POST).
    /// </summary>
    public async Task<IActionResult> OnPostMarkAsync(string instrument, string? id, string? mark, string? back, CancellationToken cancellationToken)
    {
        if (!Load(instrument))
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(id) || mark is not ("test" or "junk" or "none"))
        {
            Error = "Choose a response and whether it is a test or junk response, or to put it back.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await ShowAsync(cancellationToken);
            return Page();
        }

        if (await Access.MarkAsync(Entry, id, mark == "none" ? null : mark, cancellationToken))
        {
            await AuditAsync(mark == "none" ? "response put back" : "response set aside", $"{Entry.Id}: {id}{(mark == "none" ? "" : " as " + mark)}", cancellationToken);
        }

        return Redirect(ResponseModel.SafeBack(Entry.Id, back));
    }

    public async Task<IActionResult> OnPostUnlockAsync(string instrument, IFormFile? keyFile, IFormFile? moreKeyFile, string? keyText, CancellationToken cancellationToken)
    {
        if (!Load(instrument))
        {
            return NotFound();
        }

        Error = await UnlockAsync(keyFile ?? moreKeyFile, keyText, cancellationToken);
        if (Error is null)
        {
            // Redirect after POST: a reload shows the answers and never sends the key again.
            await AuditAsync("sealed responses unlocked", Entry.Id, cancellationToken);
            return Redirect($"/console/responses/{Uri.EscapeDataString(Entry.Id)}?unlocked=yes");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await ShowAsync(cancellationToken);
        return Page();
    }

    private async Task<string?> UnlockAsync(IFormFile? keyFile, string? keyText, CancellationToken cancellationToken)
    {
        if (SessionId is not { } session)
        {
            return "This session has no id to hold a key under; sign out and sign in again.";
        }

        if (keyFile is { Length: > 0 })
        {
            if (keyFile.Length > ResponseAccess.MaxKeyInputBytes)
            {
                return $"That is not a key file: a key file is one line of 44 characters; this file has {keyFile.Length} bytes.";
            }

            var bytes = GC.AllocateArray<byte>((int)keyFile.Length, pinned: true);
            await using (var stream = keyFile.OpenReadStream())
            {
                await stream.ReadExactlyAsync(bytes, cancellationToken);
            }

            return Access.Unlock(Entry, session, bytes); // zeroes the bytes
        }

        if (!string.IsNullOrWhiteSpace(keyText))
        {
            // The pasted text is a .NET string the framework made and cannot be zeroed; its bytes are (docs/adr/0080).
            var bytes = GC.AllocateArray<byte>(System.Text.Encoding.UTF8.GetByteCount(keyText), pinned: true);
            System.Text.Encoding.UTF8.GetBytes(keyText, bytes);
            return Access.Unlock(Entry, session, bytes);
        }

        return "Choose the key file (research.key) or paste the key.";
    }

    private async Task ShowAsync(CancellationToken cancellationToken)
    {
        Filter = ResponseFilter.Read(name => Request.Query[name].FirstOrDefault(), ResponseFilter.Include);
        View = AnswerView.Read(name => Request.Query[name].FirstOrDefault(), Entry.Instrument);
        Total = await Access.CountAsync(Entry, cancellationToken);
        if (CanRead)
        {
            // Every response is opened so that the filter and the set-level flags see the whole set; a page is shown.
            Filtered = await FilteredResponses.OpenAsync(Access, Entry, SessionId, Filter, cancellationToken);
            Opened = Filtered.Opened;
            PageNumber = Math.Min(PageNumber, PageCount);
            Shown = View.Order(Filtered.Kept, Entry.Instrument).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        }
        else
        {
            PageNumber = Math.Min(PageNumber, PageCount);
        }
    }

    /// <summary>The link to another page of this filtered, sorted view.</summary>
    internal string PageLink(int page) => Link(View.Fields(), page);

    /// <summary>The link to this view sorted on <paramref name="column"/> (from its first page).</summary>
    internal string SortLink(string column) => Link(View.Fields(sort: column, direction: View.NextDirection(column)), 1);

    /// <summary>The link to this view with the answers as codes or as labels.</summary>
    internal string ShowLink(string show) => Link(View.Fields(show: show), PageNumber);

    /// <summary>The fields of this view other than the filter (codes or labels, sort, label language), for the filter form to keep.</summary>
    internal IReadOnlyList<KeyValuePair<string, string>> ViewFields() => [.. View.Fields(), KeyValuePair.Create("language", Language)];

    /// <summary>The single-response view of <paramref name="id"/>, with the way back to this page.</summary>
    internal string ResponseLink(string id) =>
        $"/console/responses/{Uri.EscapeDataString(Entry.Id)}/{Uri.EscapeDataString(id)}?language={Uri.EscapeDataString(Language)}&back={Uri.EscapeDataString(PageLink(PageNumber))}";

    private string Link(IReadOnlyList<KeyValuePair<string, string>> view, int page) =>
        $"/console/responses/{Uri.EscapeDataString(Entry.Id)}{Filter.Query([.. view, KeyValuePair.Create("language", Language), KeyValuePair.Create("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture))])}";
}
