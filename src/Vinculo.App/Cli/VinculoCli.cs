using System.CommandLine;
using Vinculo.Storage;

namespace Vinculo.App.Cli;

/// <summary>The verbs of the one executable: serve (default), migrate, demo, …</summary>
public static class VinculoCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:5080" };

        var serve = new Command("serve", "Run the web UI, API and background workers") { urls };
        serve.SetAction((parse, ct) => WebHost.RunAsync(args, parse.GetValue(urls)!, ct));

        var migrate = new Command("migrate", "Create or upgrade the database schema and exit");
        migrate.SetAction(async (_, ct) =>
        {
            var database = VinculoDatabase.FromConfiguration(WebHost.BuildConfiguration(args));
            await database.MigrateAsync(ct);
            Console.WriteLine($"Database is up to date ({database.Provider}).");
            return 0;
        });

        var root = new RootCommand("Vinculo: customer relationship marketing") { serve, migrate };
        // Further verbs live in their own files under Cli/, one line each here.
        root.Subcommands.Add(ApiKeyCommand.Create(args));
        root.Subcommands.Add(ImportCommand.Create(args));
        root.Options.Add(urls);
        // WebApplicationFactory starts the host through Main with --key=value host settings; they go on to the host builder.
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((parse, ct) => WebHost.RunAsync(args, parse.GetValue(urls)!, ct));
        return await root.Parse(args).InvokeAsync();
    }
}
