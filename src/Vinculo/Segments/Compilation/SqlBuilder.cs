using System.Globalization;

namespace Vinculo.Segments.Compilation;

/// <summary>Collects bound parameters while SQL text is assembled; values never enter the text.</summary>
public sealed class SqlBuilder
{
    private readonly List<KeyValuePair<string, object?>> _parameters = [];

    public SqlBuilder(SqlDialect dialect, Guid workspaceId)
    {
        Dialect = dialect;
        Workspace = Param(workspaceId);
    }

    public SqlDialect Dialect { get; }

    /// <summary>The parameter holding the workspace id.</summary>
    public string Workspace { get; }

    public IReadOnlyList<KeyValuePair<string, object?>> Parameters => _parameters;

    public string Param(object? value)
    {
        var name = "@p" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add(new(name, value));
        return name;
    }
}
