using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Vinculo.App.Hosting;
using Vinculo.Common;
using Vinculo.Ingestion;
using Vinculo.Ingestion.Mapping;
using Vinculo.Ingestion.Normalization;

namespace Vinculo.App.Api;

/// <summary>Body of preview / dry-run / start: a mapping given inline, or the name of a saved one (neither: the job's own).</summary>
public sealed record ImportRunRequest(ColumnMapping? Mapping, string? MappingName, int? Rows);

public sealed record NormalizationRuleInput(RuleKind Kind, RuleSeverity Severity, string? Argument, string? Message, bool Enabled = true);

/// <summary>/api/v1/imports: upload, preview, dry run, start, progress, rejects; saved mappings; normalization rules.</summary>
public static class ImportEndpoints
{
    private const long MaxUploadBytes = 2L * 1024 * 1024 * 1024;

    public static RouteGroupBuilder MapImports(this RouteGroupBuilder v1)
    {
        var imports = v1.MapGroup("/imports").RequireAuthorization(Policies.Marketing).WithTags("Imports");

        // multipart/form-data with a "file" part (and optional "target"), or the raw file as the body with ?fileName=.
        imports.MapPost("/", async (HttpRequest request, ImportService service, [FromQuery] string? fileName, [FromQuery] ImportTarget? target, CancellationToken ct) =>
        {
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxUploadBytes;
            }

            ImportUpload upload;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(ct);
                var file = form.Files["file"] ?? (form.Files.Count > 0 ? form.Files[0] : null) ?? throw new ValidationFailedException("file", "is required");
                if (Enum.TryParse<ImportTarget>(form["target"], ignoreCase: true, out var formTarget))
                {
                    target = formTarget;
                }

                await using var stream = file.OpenReadStream();
                upload = await service.UploadAsync(file.FileName, stream, target, ct);
            }
            else
            {
                upload = await service.UploadAsync(fileName ?? "import.csv", request.Body, target, ct);
            }

            return Results.Created($"/api/v1/imports/{upload.JobId}", upload);
        }).DisableRequestTimeout();

        imports.MapGet("/", async (ImportService service, int? take, CancellationToken ct) => Results.Ok(await service.ListAsync(take ?? 50, ct)));

        imports.MapGet("/{id:guid}", async (Guid id, ImportService service, CancellationToken ct) => Results.Ok(await service.GetStatusAsync(id, ct)));

        imports.MapPost("/{id:guid}/preview", async (Guid id, ImportRunRequest? body, ImportService service, CancellationToken ct) =>
        {
            var mapping = body?.Mapping ?? (body?.MappingName is { } name ? await service.GetMappingAsync(name, ct) : null);
            return Results.Ok(await service.PreviewAsync(id, mapping, body?.Rows ?? 20, ct));
        });

        imports.MapPost("/{id:guid}/dry-run", async (Guid id, ImportRunRequest? body, ImportService service, CancellationToken ct) =>
            Results.Accepted($"/api/v1/imports/{id}", await service.DryRunAsync(id, body?.Mapping, body?.MappingName, ct)));

        imports.MapPost("/{id:guid}/start", async (Guid id, ImportRunRequest? body, ImportService service, CancellationToken ct) =>
            Results.Accepted($"/api/v1/imports/{id}", await service.StartAsync(id, body?.Mapping, body?.MappingName, ct)));

        imports.MapPost("/{id:guid}/cancel", async (Guid id, ImportService service, CancellationToken ct) => Results.Ok(await service.CancelAsync(id, ct)));

        imports.MapGet("/{id:guid}/rejects", async (Guid id, ImportService service, CancellationToken ct) =>
            Results.File(await service.OpenRejectsAsync(id, ct), "text/csv; charset=utf-8", $"rechazos-{id:N}.csv"));

        var mappings = v1.MapGroup("/import-mappings").RequireAuthorization(Policies.Marketing).WithTags("Imports");
        mappings.MapGet("/", async (ImportService service, CancellationToken ct) =>
            Results.Ok((await service.ListMappingsAsync(ct)).Select(m => new { m.Name, m.Target, Mapping = ColumnMapping.FromJson(m.Columns), m.UpdatedAt })));
        mappings.MapGet("/{name}", async (string name, ImportService service, CancellationToken ct) => Results.Ok(await service.GetMappingAsync(name, ct)));
        mappings.MapPut("/{name}", async (string name, ColumnMapping mapping, ImportService service, CancellationToken ct) =>
        {
            var saved = await service.SaveMappingAsync(name, mapping, ct);
            return Results.Ok(new { saved.Name, saved.Target, Mapping = mapping, saved.UpdatedAt });
        });
        mappings.MapGet("/fields/{target}", (ImportTarget target) => Results.Ok(ImportFields.For(target)));

        var rules = v1.MapGroup("/normalization-rules").RequireAuthorization(Policies.Marketing).WithTags("Imports");
        rules.MapGet("/", async (NormalizationRules service, CancellationToken ct) =>
            Results.Ok((await service.ListAsync(ct)).Select(r => new { r.Field, r.Kind, r.Severity, r.Argument, r.Message, r.Position, r.Enabled })));
        rules.MapPut("/{field}", async (string field, List<NormalizationRuleInput> input, NormalizationRules service, CancellationToken ct) =>
        {
            await service.SaveFieldAsync(field, [.. input.Select(i => new NormalizationRule { Field = field, Kind = i.Kind, Severity = i.Severity, Argument = i.Argument, Message = i.Message, Enabled = i.Enabled })], ct);
            return Results.NoContent();
        });
        // Try a value against the workspace's rules: what every entry path would store.
        rules.MapGet("/{field}/apply", async (string field, string? value, NormalizationRules service, CancellationToken ct) =>
            Results.Ok((await service.LoadAsync(ct)).Apply(field, value)));
        return v1;
    }
}
