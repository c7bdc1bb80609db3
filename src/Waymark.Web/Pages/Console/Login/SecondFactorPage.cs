using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Waymark.Web.Accounts;

namespace Waymark.Web.Pages.Console.Login;

/// <summary>What the code and enrolment pages share: the pending login from the password step, and finishing the sign-in.</summary>
public abstract class SecondFactorPage(ConsoleAccounts accounts) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public bool Failed { get; private set; }

    private protected ConsoleAccounts Accounts => accounts;

    /// <summary>The account that passed the password step in the last five minutes, or null.</summary>
    protected async Task<long?> PendingUserIdAsync() => (await PendingLoginAsync())?.UserId;

    /// <summary>The pending sign-in from the password step (the account and the sign-in's random id), or null.</summary>
    protected async Task<(long UserId, string LoginId)?> PendingLoginAsync()
    {
        var result = await HttpContext.AuthenticateAsync(ConsoleAuthentication.SecondFactorScheme);
        return result.Succeeded && ConsoleAuthentication.UserId(result.Principal) is { } id
            && result.Principal.FindFirst(ConsoleAuthentication.PendingLoginClaim)?.Value is { Length: > 0 } login
            ? (id, login)
            : null;
    }

    protected IActionResult BackToLogin() => Redirect(ConsoleAuthentication.LoginPath);

    private protected async Task<IActionResult> FinishAsync(LoginStep step)
    {
        if (step.Outcome != LoginOutcome.SignedIn || step.User is null || step.SessionId is null)
        {
            Failed = true;
            Code = null;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignOutAsync(ConsoleAuthentication.SecondFactorScheme);
        await HttpContext.SignInAsync(ConsoleAuthentication.SessionScheme, ConsoleAuthentication.SessionPrincipal(step.User, step.SessionId), new AuthenticationProperties { IsPersistent = false });
        return Redirect("/console");
    }
}
