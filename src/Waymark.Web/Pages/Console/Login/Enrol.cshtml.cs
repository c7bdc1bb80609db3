using Microsoft.AspNetCore.Mvc;
using Waymark.Web.Accounts;

namespace Waymark.Web.Pages.Console.Login;

/// <summary>First login: a new TOTP secret as a QR image (served by <see cref="QrModel"/>) and as text, confirmed by a code.</summary>
public sealed class EnrolModel(ConsoleAccounts accounts) : SecondFactorPage(accounts)
{
    public string Secret { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : BackToLogin();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return BackToLogin();
        }

        return await FinishAsync(await Accounts.ConfirmEnrolmentAsync((await PendingUserIdAsync())!.Value, Code, cancellationToken));
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var secret = await PendingUserIdAsync() is { } id ? await Accounts.PendingSecretAsync(id, cancellationToken) : null;
        Secret = secret is null ? "" : TotpCodes.Grouped(secret);
        return secret is not null;
    }
}
