namespace Waymark.Web.Hosting;

/// <summary>
/// The node cannot start because of something in its data folder or configuration that its operator
/// must put right; the message says what and how (<c>waymark serve</c> prints it and exits 1).
/// </summary>
public sealed class ServerStartException(string message) : Exception(message);
