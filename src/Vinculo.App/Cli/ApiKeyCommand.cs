using System.CommandLine;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.App.Cli;

/// <summary>`apikey create --workspace slug --name "POS" [--role Admin] [--create-workspace]`: prints the key once.</summary>
public static class ApiKeyCommand
{
    public static Command Create(string[] args)
    {
        var workspace = new Option<string>("--workspace") { Description = "Workspace slug", Required = true };
        var name = new Option<string>("--name") { Description = "What the key is for, e.g. \"POS tienda centro\"", Required = true };
        var role = new Option<WorkspaceRole>("--role") { Description = "Role of the key in the workspace", DefaultValueFactory = _ => WorkspaceRole.Admin };
        var createWorkspace = new Option<bool>("--create-workspace") { Description = "Create the workspace (Mexico defaults) when it does not exist" };

        var create = new Command("create", "Create an API key and print it (shown only this once)") { workspace, name, role, createWorkspace };
        create.SetAction(async (parse, ct) =>
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddVinculoStorage(WebHost.BuildConfiguration(args));
            services.AddVinculoCore();
            await using var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<VinculoDatabase>().MigrateAsync(ct);
            await using var scope = provider.CreateAsyncScope();
            var workspaces = scope.ServiceProvider.GetRequiredService<WorkspaceService>();
            var slug = parse.GetValue(workspace)!;
            var target = await workspaces.FindBySlugAsync(slug, ct);
            if (target is null && parse.GetValue(createWorkspace))
            {
                target = await workspaces.CreateAsync(new WorkspaceInput(slug, slug), ct);
            }

            if (target is null)
            {
                var known = (await workspaces.ListAsync(ct)).Select(w => w.Slug).ToList();
                await Console.Error.WriteLineAsync($"No workspace '{slug}'. Known: {(known.Count == 0 ? "none" : string.Join(", ", known))}. Add --create-workspace to create it.");
                return 2;
            }

            scope.ServiceProvider.GetRequiredService<WorkspaceScope>().WorkspaceId = target.Id;
            var key = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(parse.GetValue(name)!, parse.GetValue(role), ct);
            Console.WriteLine(key.Secret);
            await Console.Error.WriteLineAsync($"API key '{key.Key.Name}' ({key.Key.Role}) for workspace '{target.Slug}', prefix {key.Key.Prefix}. It is not shown again.");
            return 0;
        });

        return new Command("apikey", "Manage API keys") { create };
    }
}
