using System.CommandLine;
using Microsoft.Data.Sqlite;
using Vinculo.App.Users;
using Vinculo.Demo;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.App.Cli;

/// <summary>`demo`: migrate, seed the Mexican demo workspace once, say where to go, then serve.</summary>
internal static class DemoCommand
{
    public static Command Create(string[] args)
    {
        var defaults = new DemoOptions();
        var people = new Option<int>("--people") { Description = "People to create", DefaultValueFactory = _ => defaults.People };
        var organizations = new Option<int>("--organizations") { Description = "Organizations to create", DefaultValueFactory = _ => defaults.Organizations };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same data", DefaultValueFactory = _ => defaults.Seed };
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var noServe = new Option<bool>("--no-serve") { Description = "Seed and exit instead of serving" };

        var command = new Command("demo", "Seed the Mexican demo workspace (once) and serve it") { people, organizations, seed, urls, noServe };
        command.SetAction(async (parse, ct) =>
        {
            var database = VinculoDatabase.FromConfiguration(WebHost.BuildConfiguration(args));
            var options = new DemoOptions { People = parse.GetValue(people), Organizations = parse.GetValue(organizations), Seed = parse.GetValue(seed) };
            var summary = await SeedAsync(database, options, TimeProvider.System, Console.Out, ct);

            var app = WebHost.Build(args, parse.GetValue(urls)!);
            var login = await UserAdmin.EnsureAdminAsync(app.Services, summary.WorkspaceId, ct: ct);
            var apiKey = await ReplaceDemoApiKeyAsync(app.Services, summary.WorkspaceId, ct);

            var url = parse.GetValue(urls)!.Split(';')[0].TrimEnd('/');
            Console.WriteLine();
            Console.WriteLine($"Open {url} (workspace \"Demo\", slug {DemoSeeder.Slug})");
            Console.WriteLine($"  Sign in as {login.Email} with password {login.Password}   (a new password on every run)");
            Console.WriteLine($"  API key:   {apiKey}   (header X-Api-Key; replaces the previous demo key)");
            Console.WriteLine($"  API reference: {url}/scalar   OpenAPI document: {url}/openapi/v1.json");
            if (parse.GetValue(noServe))
            {
                return 0;
            }

            Console.WriteLine("Serving; press Ctrl+C to stop.");
            await app.RunAsync(ct);
            return 0;
        });
        return command;
    }

    /// <summary>Revokes the earlier demo keys and makes a new one: a key's secret is shown only once.</summary>
    private static async Task<string> ReplaceDemoApiKeyAsync(IServiceProvider services, Guid workspaceId, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = workspaceId;
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        foreach (var old in (await keys.ListAsync(ct)).Where(k => k.Name == DemoKeyName && k.RevokedAt is null))
        {
            await keys.RevokeAsync(old.Id, ct);
        }

        return (await keys.CreateAsync(DemoKeyName, WorkspaceRole.Admin, ct)).Secret;
    }

    private const string DemoKeyName = "demo";

    /// <summary>Migrates, seeds and prints progress and a summary of what was written.</summary>
    internal static async Task<DemoSummary> SeedAsync(VinculoDatabase database, DemoOptions options, TimeProvider time, TextWriter output, CancellationToken ct)
    {
        output.WriteLine($"Database: {Describe(database)}");
        await database.MigrateAsync(ct);
        var summary = await new DemoSeeder(database, time).SeedAsync(options, output.WriteLine, ct);
        if (!summary.Created)
        {
            output.WriteLine($"The demo workspace already exists (id {summary.WorkspaceId}); nothing was seeded.");
            return summary;
        }

        output.WriteLine($"Demo workspace seeded in {summary.Elapsed.TotalSeconds:N1} s:");
        foreach (var (table, rows) in summary.Counts)
        {
            output.WriteLine($"  {table,-26} {rows,10:N0}");
        }

        output.WriteLine($"  {"total rows",-26} {summary.Counts.Sum(c => c.Rows),10:N0}");
        return summary;
    }

    // Names the database without printing a password.
    private static string Describe(VinculoDatabase database)
    {
        if (database.Provider == StorageProvider.Sqlite)
        {
            return $"SQLite {Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource)}";
        }

        var pg = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString);
        return $"PostgreSQL {pg.Host}:{pg.Port}/{pg.Database}";
    }
}
