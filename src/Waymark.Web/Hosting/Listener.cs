namespace Waymark.Web.Hosting;

/// <summary>The two faces of one Waymark node (docs/adr/0004-listeners.md).</summary>
public enum Listener
{
    /// <summary>Anonymous visitors: published as the public onion service.</summary>
    Public,

    /// <summary>The researcher console: localhost or a client-authorised onion only.</summary>
    Console,
}

/// <summary>Set on every connection by the listener that accepted it.</summary>
internal sealed record ListenerFeature(Listener Listener);

/// <summary>Endpoint metadata: the listener an endpoint belongs to; null for an endpoint both serve.</summary>
internal sealed record ListenerMetadata(Listener? Listener)
{
    public static ListenerMetadata Both { get; } = new((Listener?)null);
}
