namespace Vinculo.Families;

/// <summary>
/// Age in whole years and minor status, computed from the birth date every time so it is never stale.
/// A person born on 29 February turns a year older on 1 March in common years.
/// </summary>
public static class AgePolicy
{
    public static int AgeOn(DateOnly birthDate, DateOnly today)
    {
        var age = today.Year - birthDate.Year;
        if (today.Month < birthDate.Month || (today.Month == birthDate.Month && today.Day < birthDate.Day))
        {
            age--;
        }

        return age;
    }

    public static bool IsMinor(DateOnly? birthDate, DateOnly today, int ageOfMajority) =>
        birthDate is { } b && AgeOn(b, today) < ageOfMajority;

    /// <summary>The first day on which the person is of age.</summary>
    public static DateOnly ComingOfAge(DateOnly birthDate, int ageOfMajority)
    {
        var year = birthDate.Year + ageOfMajority;
        return birthDate is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year)
            ? new DateOnly(year, 3, 1)
            : new DateOnly(year, birthDate.Month, birthDate.Day);
    }

    /// <summary>Born on or before this date means of age today; later means minor. Lets SQL test minors with one comparison.</summary>
    public static DateOnly LatestAdultBirthDate(DateOnly today, int ageOfMajority)
        => today.AddYears(-ageOfMajority);

    public static DateOnly Today(TimeProvider time, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
}
