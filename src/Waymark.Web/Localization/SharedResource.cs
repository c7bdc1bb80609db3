#pragma warning disable IDE0130 // The namespace decides the resource name: Waymark.Web.Resources.SharedResource.
namespace Waymark.Web;
#pragma warning restore IDE0130

/// <summary>Marker type for the UI strings in <c>Resources/SharedResource*.resx</c>.</summary>
#pragma warning disable CA1812 // Used as a type argument only: IStringLocalizer<SharedResource>.
internal sealed class SharedResource
#pragma warning restore CA1812
{
}
