using Waymark.Content.Coding;

namespace Waymark.Content.Tests;

public sealed class CodingWarmUpTests
{
    [Fact]
    public void The_warm_up_codes_its_text_in_every_script_as_a_coding_run_would()
    {
        var report = CodingWarmUp.Run();
        Assert.Equal(120, report.Units);
        Assert.Equal(
            [("river", 96L, 48L), ("straße", 48L, 24L), ("река", 48L, 24L), ("نهر", 24L, 24L)],
            report.Codes.Select(c => (c.Code.Name, c.Hits, c.Units)));
    }
}
