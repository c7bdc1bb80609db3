using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Web.Accounts;

namespace Waymark.Web.Pages.Console;

/// <summary>Signing out is a POST (with its anti-forgery token), so no link or image can sign anyone out.</summary>
public sealed class LogoutModel(ConsoleAccounts accounts, Analysis.SealedKeyVault vault) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (vault.Wipe(ConsoleAuthentication.SessionId(User)))
        {
            await accounts.AuditAsync(User.Identity?.Name ?? "", "sealed responses locked", "at sign-out", cancellationToken);
        }

        // The server-side session goes first: a copy of the cookie is worthless from now on, on every node.
        await accounts.EndSessionAsync(ConsoleAuthentication.SessionId(User), cancellationToken);
        await accounts.AuditAsync(User.Identity?.Name ?? "", "signed out", "", cancellationToken);
        await HttpContext.SignOutAsync(ConsoleAuthentication.SessionScheme);
        return Redirect(ConsoleAuthentication.LoginPath);
    }
}
