using System.CommandLine;
using Vinculo.Storage;
using Vinculo.Workspaces;

namespace Vinculo.App.Cli;

/// <summary>`apikey create --workspace slug --name "POS" [--role Admin] [--create-workspace]` prints the key once; `apikey list`, `apikey revoke`.</summary>
public static class ApiKeyCommand
{
    public static Command Create(string[] args)
    {
        var workspace = new Option<string>("--workspace") { Description = "Workspace slug", Required = true };
        var name = new Option<string>("--name") { Description = "What the key is for, e.g. \"POS tienda centro\"", Required = true };
        var role = new Option<WorkspaceRole>("--role") { Description = "Role of the key in the workspace", DefaultValueFactory = _ => WorkspaceRole.Admin };
        var createWorkspace = new Option<bool>("--create-workspace") { Description = "Create the workspace (Mexico defaults) when it does not exist" };

        var create = new Command("create", "Create an API key and print it (shown only this once)") { workspace, name, role, createWorkspace };
        create.SetAction((parse, ct) => InWorkspaceAsync(args, parse.GetValue(workspace)!, parse.GetValue(createWorkspace), async (services, target) =>
        {
            var key = await services.GetRequiredService<ApiKeyService>().CreateAsync(parse.GetValue(name)!, parse.GetValue(role), ct);
            Console.WriteLine(key.Secret);
            await Console.Error.WriteLineAsync($"API key '{key.Key.Name}' ({key.Key.Role}) for workspace '{target.Slug}', prefix {key.Key.Prefix}. It is not shown again.");
        }, ct));

        var listWorkspace = new Option<string>("--workspace") { Description = "Workspace slug", Required = true };
        var list = new Command("list", "List a workspace's API keys (prefix, role, last used; never the secret)") { listWorkspace };
        list.SetAction((parse, ct) => InWorkspaceAsync(args, parse.GetValue(listWorkspace)!, false, async (services, _) =>
        {
            foreach (var k in await services.GetRequiredService<ApiKeyService>().ListAsync(ct))
            {
                Console.WriteLine($"{k.Id}  {k.Prefix}…  {k.Role,-8}  {(k.RevokedAt is null ? "active " : "revoked")}  last used {k.LastUsedAt?.ToString("u") ?? "never"}  {k.Name}");
            }
        }, ct));

        var revokeWorkspace = new Option<string>("--workspace") { Description = "Workspace slug", Required = true };
        var id = new Option<Guid>("--id") { Description = "Key id (from apikey list)", Required = true };
        var revoke = new Command("revoke", "Revoke an API key") { revokeWorkspace, id };
        revoke.SetAction((parse, ct) => InWorkspaceAsync(args, parse.GetValue(revokeWorkspace)!, false, async (services, _) =>
        {
            await services.GetRequiredService<ApiKeyService>().RevokeAsync(parse.GetValue(id), ct);
            Console.WriteLine("Revoked.");
        }, ct));

        return new Command("apikey", "Manage API keys") { create, list, revoke };
    }

    private static async Task<int> InWorkspaceAsync(string[] args, string slug, bool createWorkspace, Func<IServiceProvider, Workspace, Task> work, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddVinculoStorage(WebHost.BuildConfiguration(args));
        services.AddVinculoCore();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<VinculoDatabase>().MigrateAsync(ct);
        await using var scope = provider.CreateAsyncScope();
        var workspaces = scope.ServiceProvider.GetRequiredService<WorkspaceService>();
        var target = await workspaces.FindBySlugAsync(slug, ct);
        if (target is null && createWorkspace)
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
        try
        {
            await work(scope.ServiceProvider, target);
            return 0;
        }
        catch (Exception ex) when (ex is Common.ValidationFailedException or Common.NotFoundException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
