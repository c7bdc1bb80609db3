using Waymark.Testing;

namespace Waymark.Web.Tests;

/// <summary>
/// The self-help test classes share one page checker (one Chromium, one Nu HTML Checker) and run one
/// after the other: on a 2-core machine, a Java checker per class starved each other's start-up.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SelfHelpSharedBrowser : ICollectionFixture<PageChecker>, ICollectionFixture<ServerFixture>
{
    public const string Name = "Self-help pages and flows";
}
