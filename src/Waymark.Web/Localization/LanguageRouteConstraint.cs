namespace Waymark.Web.Localization;

/// <summary>Route constraint <c>{lang:lang}</c>: only the supported URL codes, in lower case.</summary>
internal sealed class LanguageRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.TryGetValue(routeKey, out var value)
            && value is string code
            && Languages.TryGet(code, out var language)
            && string.Equals(language.Code, code, StringComparison.Ordinal);
    }
}
