using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Waymark.Web.Hosting;

/// <summary>
/// Raises the request body cap for one page above the site's 1 MiB, early enough to matter:
/// anti-forgery validation is an authorization filter that reads the form before any resource
/// filter (where <see cref="RequestSizeLimitAttribute"/> acts) runs, so this one is an authorization
/// filter ordered first. A declared length over the cap is refused with 413 before the body is read;
/// an undeclared (chunked) body is cut off by Kestrel at the cap.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class UploadSizeLimitAttribute(long bytes) : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public long Bytes => bytes;

    /// <summary>Before the anti-forgery filter (order 1000) and everything else.</summary>
    public int Order => int.MinValue;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (http.Request.ContentLength > bytes)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
            return;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = bytes;
        }
    }
}
