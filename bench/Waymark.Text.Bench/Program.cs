using BenchmarkDotNet.Running;
using Waymark.Text.Bench;

// For example: dotnet run -c Release --project bench/Waymark.Text.Bench -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(BlockScanBenchmarks).Assembly).Run(args);
