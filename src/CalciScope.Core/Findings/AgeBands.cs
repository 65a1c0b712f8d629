namespace CalciScope.Findings;

/// <summary>Ages to the knowledge base's age-band findings.</summary>
public static class AgeBands
{
    public static string For(double years) => years switch
    {
        < 16 => "age_child",
        <= 40 => "age_young_adult",
        <= 65 => "age_middle",
        _ => "age_elderly",
    };

    public static readonly string[] All = ["age_child", "age_young_adult", "age_middle", "age_elderly"];
}
