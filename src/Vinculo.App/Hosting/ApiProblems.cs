using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vinculo.Common;

namespace Vinculo.App.Hosting;

/// <summary>
/// Turns refused input into problem details: validation → 400 naming each field, malformed JSON → 400
/// naming the JSON path, not found → 404, conflict (and a unique key hit by a concurrent writer) → 409.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationFailedException v => new HttpValidationProblemDetails(v.Errors
                .GroupBy(e => e.Field)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request has invalid fields.",
                Detail = v.Message,
            },
            BadHttpRequestException { InnerException: JsonException json } => new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [JsonField(json.Path)] = [json.Message],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body is not valid JSON for this operation.",
            },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request.", Detail = bad.Message },
            NotFoundException nf => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = $"{nf.What} not found.", Detail = nf.Message },
            ConflictException c => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict.", Detail = c.Message },
            DbUpdateException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict.",
                Detail = "The change conflicts with data written at the same time; nothing was saved. Retry the request.",
            },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        if (exception is DbUpdateException)
        {
            logger.LogWarning(exception, "Write refused by the database");
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    // "$.emails[0].address" → "emails[0].address"; the body itself → "body".
    private static string JsonField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
