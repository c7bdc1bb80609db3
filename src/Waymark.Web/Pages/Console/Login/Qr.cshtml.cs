using Microsoft.AspNetCore.Mvc;
using Waymark.Web.Accounts;

namespace Waymark.Web.Pages.Console.Login;

/// <summary>
/// The enrolment QR code as a PNG from the console's own origin, so the strict CSP (<c>img-src 'self'</c>)
/// stays as it is: no data: URL, no script. Only for the account in the middle of enrolling.
/// </summary>
public sealed class QrModel(ConsoleAccounts accounts) : SecondFactorPage(accounts)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await PendingUserIdAsync() is not { } id || await Accounts.PendingSecretAsync(id, cancellationToken) is not { } secret
            || await Accounts.AccountNameAsync(id, cancellationToken) is not { } name)
        {
            return NotFound();
        }

        return File(TotpCodes.QrPng(TotpCodes.EnrolmentUri(secret, name)), "image/png");
    }
}
