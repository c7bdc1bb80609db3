using Microsoft.AspNetCore.Mvc;

namespace Waymark.Web.Pages.Console.Login;

/// <summary>
/// First login: a new TOTP secret for this pending sign-in, as an inline QR code and as text, shown
/// once (opening the page again offers another and retires this one), confirmed by a code.
/// </summary>
public sealed class EnrolModel(ConsoleAccounts accounts) : SecondFactorPage(accounts)
{
    /// <summary>The new key in groups of four; empty after a failed code (the key is not shown again).</summary>
    public string Secret { get; private set; } = "";

    /// <summary>The QR code of <see cref="Secret"/> as SVG markup, or empty.</summary>
    public string QrSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await PendingLoginAsync() is not { } login
            || await Accounts.NewPendingSecretAsync(login.UserId, login.LoginId, cancellationToken) is not { } secret
            || await Accounts.AccountNameAsync(login.UserId, cancellationToken) is not { } name)
        {
            return BackToLogin();
        }

        Secret = TotpCodes.Grouped(secret);
        QrSvg = TotpCodes.QrSvg(TotpCodes.EnrolmentUri(secret, name));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        await PendingLoginAsync() is { } login
            ? await FinishAsync(await Accounts.ConfirmEnrolmentAsync(login.UserId, login.LoginId, Code, cancellationToken))
            : BackToLogin();
}
