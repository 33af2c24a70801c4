using System.Globalization;

namespace WritersRoom.Web.Components.Shared;

/// <summary>"5 minutes ago": the server does not know the reader's time zone, so recent times are relative.</summary>
public static class RelativeTime
{
    public static string Format(DateTimeOffset then, DateTimeOffset now)
    {
        var age = now - then;
        if (age < TimeSpan.FromMinutes(1)) return "just now";
        if (age < TimeSpan.FromHours(1)) return Plural((int)age.TotalMinutes, "minute");
        if (age < TimeSpan.FromDays(1)) return Plural((int)age.TotalHours, "hour");
        if (age < TimeSpan.FromDays(2)) return "yesterday";
        if (age < TimeSpan.FromDays(30)) return Plural((int)age.TotalDays, "day");
        return then.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
    }

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit} ago" : $"{n} {unit}s ago";
}
