using BenchmarkDotNet.Running;
using Waymark.SelfHelp.Bench;

// For example: dotnet run -c Release --project bench/Waymark.SelfHelp.Bench -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(PhraseReadingBenchmarks).Assembly).Run(args);
