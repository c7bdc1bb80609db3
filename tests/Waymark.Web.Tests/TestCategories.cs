using Waymark.Testing;

// The web tests start the real server (or an in-process host) and mostly a browser: none is part of ./test.sh unit.
[assembly: AssemblyTrait(TestCategory.Name, TestCategory.Server)]
