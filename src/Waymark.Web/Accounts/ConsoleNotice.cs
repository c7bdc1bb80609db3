using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Waymark.Web.Accounts;

/// <summary>
/// What a console POST that succeeded did, said once on the page it redirects to (redirect after POST,
/// so a reload never repeats the change). It travels in TempData, which the console keeps in one
/// cookie of its own (<see cref="CookieName"/>: encrypted with the node's data-protection keys,
/// HttpOnly, SameSite=Strict, path /console, gone once read). The public site sets no cookie: it
/// never writes TempData.
/// </summary>
public static class ConsoleNotice
{
    public const string CookieName = "waymark-console-notice";

    private const string Key = "console-notice";

    public static void Set(ITempDataDictionary tempData, string message) => tempData[Key] = message;

    /// <summary>The notice left by the POST before the redirect, or null; reading it removes it.</summary>
    public static string? Read(ITempDataDictionary tempData) => tempData[Key] as string;

    /// <summary>The TempData cookie kept to the console, like the session and anti-forgery cookies.</summary>
    public static void Harden(Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.Path = "/console";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
        options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        options.Cookie.IsEssential = true;
    }
}
