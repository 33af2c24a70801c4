using System.Globalization;

namespace WritersRoom.Web.Components.Admin.Performance;

/// <summary>Number formats for the performance page: milliseconds with sensible precision, rates, percentages.</summary>
public static class PerfFormat
{
    public static string Ms(double ms) => ms switch
    {
        <= 0 => "–",
        < 1 => ms.ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        < 100 => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms",
        < 10_000 => ms.ToString("0", CultureInfo.InvariantCulture) + " ms",
        _ => (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s",
    };

    public static string Number(double value) =>
        Math.Abs(value) >= 100 || value == Math.Floor(value)
            ? value.ToString("#,0", CultureInfo.InvariantCulture)
            : value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Percent(double? ratio) =>
        ratio is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";

    public static string Mb(double mb) => mb.ToString("#,0.0", CultureInfo.InvariantCulture) + " MB";
}
