using System.Net;
using System.Net.Sockets;

namespace WritersRoom.Deploy.Tests.Infrastructure;

internal static class Ports
{
    /// <summary>A loopback port that nothing listens on right now.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
