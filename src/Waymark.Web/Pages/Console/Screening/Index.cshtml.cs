using Microsoft.AspNetCore.Mvc;
using Waymark.Screening.Terms;
using Waymark.Web.Screening;

namespace Waymark.Web.Pages.Console.Screening;

/// <summary>
/// Term lists for editors: what is active (the configured file and uploaded lists), upload a new
/// list (checked line by line, stored only when valid), activate, deactivate, remove, and test a
/// made-up query. The tested query is read from the form body, used once, never logged, stored or counted.
/// A change that succeeds redirects back here and is said once (<see cref="Waymark.Web.Accounts.ConsoleNotice"/>); testing a
/// query changes nothing, so its answer is the page itself (the query never goes into a URL or a cookie).
/// </summary>
[RequestSizeLimit(TermListEditor.MaxUploadBytes + UploadOverheadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = TermListEditor.MaxUploadBytes + UploadOverheadBytes)]
internal sealed class IndexModel(ScreeningTerms terms, TermListEditor editor) : ConsolePageModel
{
    /// <summary>Room for the form's other fields and the multipart boundaries around the file.</summary>
    private const int UploadOverheadBytes = 64 * 1024;

    /// <summary>The name given to an uploaded list (Upload).</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The term list file (Upload).</summary>
    [BindProperty(Name = "file")]
    public IFormFile? ListFile { get; set; }

    /// <summary>The stored list a button acts on (Activate, Deactivate, Remove).</summary>
    [BindProperty]
    public long Id { get; set; }

    internal TermState State => terms.State;

    internal IReadOnlyList<Problem> Problems { get; private set; } = [];

    internal QueryTest? Test { get; private set; }

    public void OnGet() => ShowNotice();

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken cancellationToken)
    {
        var file = ListFile;
        if (file is null)
        {
            return await AfterChangeAsync(Result.Fail<string>("Choose a term list file to upload."), ThisPage);
        }

        byte[] bytes;
        if (file.Length > TermListEditor.MaxUploadBytes)
        {
            bytes = new byte[TermListEditor.MaxUploadBytes + 1]; // refused by size below, without reading it
        }
        else
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        var upload = await editor.UploadAsync(Name, bytes, Actor, cancellationToken);
        Problems = upload.Problems;
        return await AfterChangeAsync(upload.Stored, ThisPage);
    }

    public Task<IActionResult> OnPostActivateAsync(CancellationToken cancellationToken) =>
        ChangeAsync(id => editor.SetActiveAsync(id, true, Actor, cancellationToken));

    public Task<IActionResult> OnPostDeactivateAsync(CancellationToken cancellationToken) =>
        ChangeAsync(id => editor.SetActiveAsync(id, false, Actor, cancellationToken));

    public Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken) =>
        ChangeAsync(id => editor.RemoveAsync(id, Actor, cancellationToken));

    /// <summary>Tests a query against the live terms. Read from the form, not bound as an argument, so no framework component sees it as a value.</summary>
    public async Task<IActionResult> OnPostTestAsync()
    {
        var query = Request.Form["query"].ToString();
        var language = ScreeningEndpoints.LanguageOf(Request.Form["lang"].ToString());
        if (query.Length == 0 || query.Length > ScreeningEndpoints.MaxQueryLength)
        {
            return await RefuseAsync($"Type a query of 1 to {ScreeningEndpoints.MaxQueryLength} characters.", ThisPage);
        }

        var state = terms.State;
        var term = state.Screener.FindTerm(query, language);
        Test = new QueryTest(query, language, term, term is null ? null : state.ListOf(term), state.Screener.NormalForms(query));
        return Page();
    }

    private async Task<IActionResult> ChangeAsync(Func<long, Task<Result<string>>> change) =>
        await AfterChangeAsync(Id <= 0 ? Result.Fail<string>("No such term list.") : await change(Id), ThisPage);
}

/// <summary>The answer to "test a query": shown once on the page, kept nowhere.</summary>
internal sealed record QueryTest(string Query, string Language, TermEntry? Term, string? List, IReadOnlyList<string> NormalForms);
