using System.Security.Claims;
using Vinculo.Audit;

namespace Vinculo.App.Api;

/// <summary>
/// Writes who read or changed personal data through the API to the audit log. Attach to an endpoint:
/// <c>.Audited("contact.read")</c>; the contact id is taken from the route value "contactId" or "id".
/// Only successful calls are recorded (an exception or a 4xx/5xx result records nothing).
/// </summary>
public static class AuditFilter
{
    public static RouteHandlerBuilder Audited(this RouteHandlerBuilder builder, string action, string entityType = "Contact") =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var actor = http.RequestServices.GetRequiredService<AuditActor>();
            actor.Name = ActorName(http.User);
            var result = await next(context);
            var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
            if (status < 400)
            {
                var contactId = RouteGuid(http, "contactId") ?? RouteGuid(http, "id");
                await http.RequestServices.GetRequiredService<AuditLog>().RecordAsync(
                    action, contactId, entityType, contactId,
                    new { method = http.Request.Method, path = http.Request.Path.Value },
                    http.RequestAborted);
            }

            return result;
        });

    /// <summary>Names the principal as the actor for everything the group's services write to the audit log.</summary>
    public static RouteGroupBuilder WithAuditActor(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.RequestServices.GetRequiredService<AuditActor>().Name = ActorName(context.HttpContext.User);
            return await next(context);
        });
        return group;
    }

    /// <summary>The user's name, else the API key's name (or id), else "anonymous".</summary>
    public static string ActorName(ClaimsPrincipal user)
    {
        var name = user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
        return name.Length > 200 ? name[..200] : name;
    }

    private static Guid? RouteGuid(HttpContext http, string key) =>
        http.Request.RouteValues.TryGetValue(key, out var value) && Guid.TryParse(value?.ToString(), out var id) ? id : null;
}
