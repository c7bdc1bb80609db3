using BenchmarkDotNet.Running;
using Waymark.Surveys.Bench;

BenchmarkRunner.Run<PageEngineBenchmarks>(args: args);
