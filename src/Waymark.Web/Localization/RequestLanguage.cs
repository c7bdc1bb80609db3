using System.Globalization;

namespace Waymark.Web.Localization;

/// <summary>
/// Sets the UI culture of a request from its <c>{lang}</c> route value (never from a cookie or a
/// header): the same URL always shows the same language.
/// </summary>
internal sealed class RequestLanguage(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var language = Languages.TryGet(context.GetRouteValue("lang") as string, out var fromRoute) ? fromRoute : Languages.Default;
        context.Features.Set(language);
        CultureInfo.CurrentUICulture = language.Culture;
        return next(context);
    }
}

internal static class LanguageHttpContextExtensions
{
    public static Language CurrentLanguage(this HttpContext context) =>
        context.Features.Get<Language>() ?? Languages.Default;
}
