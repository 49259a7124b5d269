using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Vinculo.Storage;

namespace Vinculo.App.Hosting;

/// <summary>What the REST API needs from the host: API keys, problem details, OpenAPI, health.</summary>
public static class ApiHosting
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddVinculoApi(this IServiceCollection services)
    {
        services.AddApiKeyAuthentication();
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Malformed JSON reaches the exception handler, which names the JSON path, in every environment.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Vinculo API";
            document.Info.Description = "Contacts, families, organizations, orders and events of one workspace, chosen by the API key.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthentication.Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthentication.HeaderName,
                Description = "A workspace API key (vk_…), created with `vinculo apikey create`. Also accepted as Authorization: Bearer vk_….",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.Scheme, document)] = [] });
            return Task.CompletedTask;
        }));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Requires an API key (this scheme, whatever the default one is) on every endpoint of the group.</summary>
    public static RouteGroupBuilder RequireApiKey(this RouteGroupBuilder group) =>
        group.RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiKeyAuthentication.Scheme });

    /// <summary>/openapi/v1.json, the Scalar browser at /scalar and /health/ready (database reachable and migrated).</summary>
    public static WebApplication MapApiDocsAndHealth(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("Vinculo API")).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }
}

/// <summary>Ready when the database answers and has no pending migrations.</summary>
public sealed class DatabaseHealthCheck(VinculoDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = database.OpenAll();
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy($"{database.Provider} database is not reachable.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy($"{database.Provider} database is up to date.")
                : HealthCheckResult.Unhealthy($"{database.Provider} database has {pending} pending migration(s): run `vinculo migrate`.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{database.Provider} database check failed.", ex);
        }
    }
}
