using WritersRoom.Web.Components.Shared;

namespace WritersRoom.Web.Tests.Components.Shared;

public sealed class RelativeTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(60, "1 minute ago")]
    [InlineData(5 * 60, "5 minutes ago")]
    [InlineData(3 * 3600, "3 hours ago")]
    [InlineData(30 * 3600, "yesterday")]
    [InlineData(5 * 86400, "5 days ago")]
    [InlineData(90 * 86400, "25 Aug 2026")]
    public void Recent_times_read_relative_and_old_ones_as_a_date(int secondsAgo, string expected)
    {
        Assert.Equal(expected, RelativeTime.Format(Now.AddSeconds(-secondsAgo), Now));
    }
}
