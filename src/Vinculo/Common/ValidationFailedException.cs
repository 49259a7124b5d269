namespace Vinculo.Common;

/// <summary>One reason a value was refused: which field and why (and the row, for imports).</summary>
public sealed record FieldError(string Field, string Reason, long? Row = null);

/// <summary>Input was refused; nothing was written. The API turns this into a 400 problem-details body.</summary>
public sealed class ValidationFailedException : Exception
{
    public ValidationFailedException(IReadOnlyList<FieldError> errors)
        : base(string.Join("; ", errors.Select(e => $"{e.Field}: {e.Reason}")))
    {
        Errors = errors;
    }

    public ValidationFailedException(string field, string reason) : this([new FieldError(field, reason)])
    {
    }

    public IReadOnlyList<FieldError> Errors { get; }
}

/// <summary>The thing asked for does not exist in this workspace.</summary>
public sealed class NotFoundException(string what, object id) : Exception($"{what} {id} was not found.")
{
    public string What { get; } = what;
}

/// <summary>The request conflicts with what is stored (duplicate key, state that forbids it).</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>Collects field errors and throws them together, so a caller sees every problem at once.</summary>
public sealed class ValidationErrors
{
    private readonly List<FieldError> _errors = [];

    public bool Any => _errors.Count > 0;

    public IReadOnlyList<FieldError> Items => _errors;

    public void Add(string field, string reason, long? row = null) => _errors.Add(new FieldError(field, reason, row));

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationFailedException(_errors.ToList());
        }
    }
}
