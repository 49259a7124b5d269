using Vinculo.Families;

namespace Vinculo.Tests.Families;

public sealed class AgePolicyTests
{
    [Theory]
    [InlineData("2008-11-22", "2026-11-21", 17)]
    [InlineData("2008-11-22", "2026-11-22", 18)]
    [InlineData("2008-02-29", "2026-02-28", 17)]
    [InlineData("2008-02-29", "2026-03-01", 18)]
    [InlineData("2008-02-29", "2028-02-29", 20)]
    [InlineData("2010-02-28", "2028-02-29", 18)]
    public void Age_in_whole_years_counts_birthdays_and_leap_days(string birth, string today, int expected)
    {
        Assert.Equal(expected, AgePolicy.AgeOn(DateOnly.Parse(birth), DateOnly.Parse(today)));
    }

    [Fact]
    public void A_leap_day_child_comes_of_age_on_the_first_of_March_in_a_common_year()
    {
        var birth = new DateOnly(2008, 2, 29);
        Assert.Equal(new DateOnly(2026, 3, 1), AgePolicy.ComingOfAge(birth, 18));
        Assert.True(AgePolicy.IsMinor(birth, new DateOnly(2026, 2, 28), 18));
        Assert.False(AgePolicy.IsMinor(birth, new DateOnly(2026, 3, 1), 18));
    }

    [Fact]
    public void Latest_adult_birth_date_agrees_with_age_for_every_day_of_a_leap_cycle()
    {
        var birth = new DateOnly(2004, 1, 1);
        for (var today = new DateOnly(2020, 1, 1); today < new DateOnly(2025, 1, 1); today = today.AddDays(1))
        {
            for (var b = birth; b < birth.AddYears(4); b = b.AddDays(13))
            {
                var bySql = b <= AgePolicy.LatestAdultBirthDate(today, 18);
                Assert.Equal(!AgePolicy.IsMinor(b, today, 18), bySql);
            }
        }
    }
}
