using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Web.Accounts;

namespace Waymark.Web.Pages.Console;

/// <summary>
/// The base of the console pages that change something, written the way ASP.NET Core Identity UI writes its
/// account pages: a change that succeeds redirects (redirect after POST, so a reload never repeats it) and the
/// page it lands on says what was done, once (<see cref="ConsoleNotice"/>); a change that is refused shows the
/// same page again with the reason and status 400, so the form keeps what was typed. <c>_Notice.cshtml</c>
/// renders <see cref="Message"/>.
/// </summary>
public abstract class ConsolePageModel : PageModel
{
    /// <summary>What the last change did or why it was refused; null when there is nothing to say.</summary>
    public string? Message { get; private set; }

    /// <summary>Whether <see cref="Message"/> reports a change that was made (a status) or one refused (an alert).</summary>
    public bool Succeeded { get; private set; }

    /// <summary>The signed-in account, named in the audit log.</summary>
    protected string Actor => User.Identity?.Name ?? "";

    /// <summary>Shows the notice the redirect after a successful change left, if any (reading it removes it).</summary>
    protected void ShowNotice()
    {
        if (ConsoleNotice.Read(TempData) is { } notice)
        {
            Say(notice, succeeded: true);
        }
    }

    /// <summary>Shows a message on this response without any redirect (a page reached by GET that reports a state).</summary>
    protected void Say(string message, bool succeeded) => (Message, Succeeded) = (message, succeeded);

    /// <summary>
    /// The end of every change handler: on success the notice (the change's value) and a redirect to this page
    /// (with <paramref name="routeValues"/>); on refusal the reason, status 400 and the page as
    /// <paramref name="reload"/> builds it again.
    /// </summary>
    protected async Task<IActionResult> AfterChangeAsync(Result<string> change, Func<Task<IActionResult>> reload, object? routeValues = null)
    {
        if (change.IsSuccess)
        {
            ConsoleNotice.Set(TempData, change.Value!);
            return RedirectToPage(routeValues);
        }

        return await RefuseAsync(change.Error!, reload);
    }

    /// <summary>A refused change: the reason, status 400 and the page rebuilt by <paramref name="reload"/> (which may answer 404 instead).</summary>
    protected async Task<IActionResult> RefuseAsync(string message, Func<Task<IActionResult>> reload)
    {
        Say(message, succeeded: false);
        var page = await reload();
        if (page is PageResult)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return page;
    }

    /// <summary>For a page with nothing to rebuild after a refusal.</summary>
    protected Task<IActionResult> ThisPage() => Task.FromResult<IActionResult>(Page());
}
