using System.Net;
using System.Net.Sockets;

namespace CalciScope.Tests.Web;

/// <summary>Loopback ports for the servers the tests start (also compiled into the batch tests).</summary>
internal static class Ports
{
    /// <summary>A port free now, taken and released: for a server to bind, or, left alone, one that nothing listens on.</summary>
    public static int Free()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int p = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return p;
    }
}
