using Waymark.Testing;

// Every store is tested on SQLite and on PostgreSQL (TestDatabases.Engines): not part of ./test.sh unit.
[assembly: AssemblyTrait(TestCategory.Name, TestCategory.PostgreSql)]
