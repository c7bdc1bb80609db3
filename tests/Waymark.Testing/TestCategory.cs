namespace Waymark.Testing;

/// <summary>
/// The xunit traits that keep a test out of <c>./test.sh unit</c> (the fast run: no browser, no server
/// process, no PostgreSQL): <c>[Trait(TestCategory.Name, TestCategory.Browser)]</c> on a class, or
/// <c>[assembly: AssemblyTrait(TestCategory.Name, TestCategory.Server)]</c> for a whole test project.
/// <c>./test.sh</c> runs every test whatever its category.
/// </summary>
public static class TestCategory
{
    /// <summary>The trait's name, as in <c>dotnet test --filter "Category!=Browser"</c>.</summary>
    public const string Name = "Category";

    /// <summary>Starts Chromium or the Nu HTML Checker (<c>PageChecker</c>).</summary>
    public const string Browser = "Browser";

    /// <summary>Starts the real <c>waymark serve</c> or an in-process web host.</summary>
    public const string Server = "Server";

    /// <summary>Needs the PostgreSQL cluster that <c>./test.sh</c> starts (<c>TestDatabases.Engines</c>).</summary>
    public const string PostgreSql = "PostgreSQL";
}
