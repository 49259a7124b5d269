namespace Vinculo.Common;

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total)
{
    public int PageCount => PageSize == 0 ? 0 : (int)((Total + PageSize - 1) / PageSize);
}

public static class Paging
{
    public const int MaxPageSize = 500;

    public static (int Page, int PageSize) Clamp(int? page, int? pageSize) =>
        (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 50, 1, MaxPageSize));
}
