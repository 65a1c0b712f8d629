using System.CommandLine;
using CalciScope.Web;
using Microsoft.AspNetCore.Builder;

namespace CalciScope.Cli.Commands;

/// <summary>`calciscope serve [--urls URL] [--token T] [--store FILE] [--pacs URL] [--tls-cert PEM --tls-key PEM] [--allowed-host H] [--retain-days N]`: the web page and the REST API.</summary>
internal static class ServeCommand
{
    public static Command Build(CliConsole console)
    {
        var urls = new Option<string>("--urls") { Description = "where to listen (default loopback only)", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var token = new Option<string?>("--token") { Description = "access token (or $CALCISCOPE_TOKEN); required off loopback" };
        var data = new Option<string?>("--data") { Description = "folder for uploaded studies and their results" };
        var store = StoreOption.Create();
        var pacs = new Option<string?>("--pacs") { Description = "DICOMweb base URL of the PACS (e.g. http://127.0.0.1:8042/dicom-web)" };
        var maxMb = new Option<int>("--max-upload-mb") { Description = "largest upload accepted", DefaultValueFactory = _ => 2048 };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM certificate for HTTPS (with --tls-key; URLs https://)" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key for HTTPS" };
        var hosts = new Option<string[]>("--allowed-host") { Description = "host name the server answers to (repeat; default: the URLs' hosts)", AllowMultipleArgumentsPerToken = true };
        var retain = new Option<double>("--retain-days") { Description = "delete uploads and results this many days old (0 keeps them)", DefaultValueFactory = _ => 30 };
        var broker = new Option<string?>("--broker") { Description = "RabbitMQ URL: queue analyses for `calciscope worker` processes sharing --data (jobs survive a restart)" };
        var pacsTimeout = new Option<double>("--pacs-timeout-s") { Description = "seconds one PACS request may take before it is retried", DefaultValueFactory = _ => 20 };
        var cmd = new Command("serve", "Serve the web page and the REST API") { urls, token, data, store, pacs, maxMb, tlsCert, tlsKey, hosts, retain, pacsTimeout, broker };
        cmd.SetAction(r =>
        {
            var options = new WebOptions
            {
                Urls = r.GetValue(urls)!,
                Token = r.GetValue(token) ?? Environment.GetEnvironmentVariable("CALCISCOPE_TOKEN"),
                DataDir = r.GetValue(data) ?? WebOptions.DefaultDataDir(),
                StorePath = r.GetValue(store),
                PacsUrl = r.GetValue(pacs),
                MaxUploadBytes = (long)r.GetValue(maxMb) << 20,
                TlsCertPath = r.GetValue(tlsCert), TlsKeyPath = r.GetValue(tlsKey),
                AllowedHosts = r.GetValue(hosts) ?? [], RetainDays = r.GetValue(retain),
                PacsTimeout = TimeSpan.FromSeconds(Math.Max(1, r.GetValue(pacsTimeout))),
                BrokerUrl = r.GetValue(broker),
            };
            var app = WebServer.Build(options);
            // A service lives long enough to earn back compiling the lexicon's expressions; it reads notes faster after.
            Findings.Text.TextFindingExtractor.Default.CompileInBackground();
            console.Err.WriteLine($"calciscope: serving on {options.Urls}{(options.Token is null ? "" : " (token required)")}");
            app.Run();
            return ExitCodes.Success;
        });
        return cmd;
    }
}
