using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Waymark.Storage;

namespace Waymark.Web.Hosting;

/// <summary>Keeps the data-protection key ring in Waymark's database (shared by all nodes).</summary>
internal sealed class DatabaseKeyRepository(WaymarkDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        database.ProtectionKeys.ReadAll().Select(XElement.Parse).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        database.ProtectionKeys.Add(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
