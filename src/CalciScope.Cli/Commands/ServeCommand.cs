using System.CommandLine;
using CalciScope.Web;
using Microsoft.AspNetCore.Builder;

namespace CalciScope.Cli.Commands;

/// <summary>`calciscope serve [--urls URL] [--token T] [--store FILE] [--pacs URL]`: the web page and the REST API.</summary>
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
        var cmd = new Command("serve", "Serve the web page and the REST API") { urls, token, data, store, pacs, maxMb };
        cmd.SetAction(r =>
        {
            var options = new WebOptions
            {
                Urls = r.GetValue(urls)!,
                Token = r.GetValue(token) ?? Environment.GetEnvironmentVariable("CALCISCOPE_TOKEN"),
                DataDir = r.GetValue(data) ?? Path.Combine(Path.GetTempPath(), "calciscope-web"),
                StorePath = r.GetValue(store),
                PacsUrl = r.GetValue(pacs),
                MaxUploadBytes = (long)r.GetValue(maxMb) << 20,
            };
            var app = WebServer.Build(options);
            console.Err.WriteLine($"calciscope: serving on {options.Urls}{(options.Token is null ? "" : " (token required)")}");
            app.Run();
            return ExitCodes.Success;
        });
        return cmd;
    }
}
