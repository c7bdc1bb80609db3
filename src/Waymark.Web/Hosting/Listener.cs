namespace Waymark.Web.Hosting;

/// <summary>The faces of one Waymark node (docs/adr/0004-listeners.md, docs/adr/0130-operator-listener.md).</summary>
public enum Listener
{
    /// <summary>Anonymous visitors: published as the public onion service.</summary>
    Public,

    /// <summary>The researcher console: localhost or a client-authorised onion only.</summary>
    Console,

    /// <summary>
    /// The search engine's back end (optional): the screening API on its own address or Unix socket,
    /// with its own rate bucket, never published.
    /// </summary>
    Operator,
}

/// <summary>Set on every connection by the listener that accepted it.</summary>
internal sealed record ListenerFeature(Listener Listener);

/// <summary>Endpoint metadata: the listeners an endpoint is served on (an endpoint without it is public only).</summary>
internal sealed class ListenerMetadata(params Listener[] listeners)
{
    /// <summary>Served on the public and the console listener (the home redirect, the site's stylesheet).</summary>
    public static ListenerMetadata PublicAndConsole { get; } = new(Listener.Public, Listener.Console);

    public IReadOnlyList<Listener> Listeners { get; } = listeners;

    public bool Serves(Listener listener) => Listeners.Contains(listener);

    /// <summary>The listeners an endpoint is served on.</summary>
    public static ListenerMetadata Of(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<ListenerMetadata>() ?? PublicOnly;

    private static readonly ListenerMetadata PublicOnly = new(Listener.Public);
}
