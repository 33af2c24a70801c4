using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WritersRoom.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's nginx as the sticky load balancer in front of app instances (ip_hash: one client stays on one instance;
/// when that instance is down, nginx sends it to another). WebSockets pass through for the Blazor circuits. Its own
/// config, temp folders and port; ./test.sh installs nginx-light.
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/nginx";
    private readonly string dir = Directory.CreateTempSubdirectory("wr-nginx-").FullName;
    private readonly StringBuilder output = new();
    private Process? process;

    public int Port { get; } = FreePort();
    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    public async Task StartAsync(IEnumerable<Uri> upstreams)
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException($"{Binary} is missing: ./test.sh installs it (Debian package nginx-light).");
        foreach (var temp in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
            Directory.CreateDirectory(Path.Combine(dir, temp));
        // Workers may run as another user than the test (nobody, when the test runs as root). nginx is Linux-only here.
        if (OperatingSystem.IsLinux())
            foreach (var path in Directory.GetDirectories(dir).Append(dir)) File.SetUnixFileMode(path, (UnixFileMode)0x1FF);
        var servers = string.Concat(upstreams.Select(u => $"    server {u.Host}:{u.Port} max_fails=1 fail_timeout=30s;\n"));
        await File.WriteAllTextAsync(Path.Combine(dir, "nginx.conf"), $$"""
            worker_processes 1;
            daemon off;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log warn;
            events { worker_connections 512; }
            http {
              access_log off;
              client_body_temp_path {{dir}}/client_body;
              proxy_temp_path {{dir}}/proxy;
              fastcgi_temp_path {{dir}}/fastcgi;
              uwsgi_temp_path {{dir}}/uwsgi;
              scgi_temp_path {{dir}}/scgi;
              map $http_upgrade $connection_upgrade { default upgrade; '' close; }
              upstream writersroom {
                ip_hash;
            {{servers}}  }
              server {
                listen 127.0.0.1:{{Port}};
                location / {
                  proxy_pass http://writersroom;
                  proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection $connection_upgrade;
                  proxy_set_header Host $host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_connect_timeout 2s;
                  proxy_read_timeout 1h;
                }
              }
            }
            """);
        var info = new ProcessStartInfo(Binary, ["-p", dir, "-c", Path.Combine(dir, "nginx.conf"), "-e", Path.Combine(dir, "error.log")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        process = Process.Start(info) ?? throw new InvalidOperationException("Could not start nginx.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {Log()}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    public string Log()
    {
        var log = Path.Combine(dir, "error.log");
        lock (output) return output + (File.Exists(log) ? File.ReadAllText(log) : "");
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
