using Microsoft.AspNetCore.Mvc;

namespace Waymark.Web.Pages.Console.Login;

/// <summary>
/// First sign-in of an account added in the console: the password the admin saw is replaced by one
/// only its holder knows, before the second factor is set up (<see cref="EnrolModel"/>).
/// </summary>
public sealed class PasswordModel(ConsoleAccounts accounts) : SecondFactorPage(accounts)
{
    public int MinLength => ConsoleAccounts.MinPasswordLength;

    public int MaxLength => ConsoleAccounts.MaxPasswordLength;

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await PendingUserIdAsync() is { } id && await Accounts.MustChangePasswordAsync(id, cancellationToken) ? Page() : BackToLogin();

    public async Task<IActionResult> OnPostAsync(string? newPassword, string? repeatPassword, CancellationToken cancellationToken)
    {
        if (await PendingUserIdAsync() is not { } id)
        {
            return BackToLogin();
        }

        var result = await Accounts.SetFirstPasswordAsync(id, newPassword ?? "", repeatPassword ?? "", cancellationToken);
        if (!result.IsSuccess)
        {
            Problem = result.Error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect("/console/login/enrol");
    }
}
