using CalciScope.Calcification;

namespace CalciScope.Tests.Analysis;

/// <summary>
/// A dot a few millimetres across is punctate, though the partial volume swells it at the calcium threshold; a nodule,
/// a grain along a muscle and a strand are not.
/// </summary>
public class PunctatePatternTests
{
    private static LesionFeatures Shape(double volume, double l1, double l2, double l3) => new()
    {
        VolumeMm3 = volume, L1 = l1, L2 = l2, L3 = l3, SurroundFatFraction = 0.9, OutsideWallFraction = 1, InteriorFraction = 0.05,
    };

    [Theory]
    [InlineData(6, 3, 2.5, 2)]      // a speck
    [InlineData(24, 5, 4, 3.5)]     // a 3 mm dot swollen by the blur (the phantom family's dots: 10-60 mm3)
    [InlineData(45, 6.5, 5, 4)]     // the same at thick slices
    public void Pattern_SmallDotInFat_IsPunctate(double volume, double l1, double l2, double l3) =>
        Assert.Equal("punctate", PatternClassifier.Pattern(Shape(volume, l1, l2, l3), "subcutaneous"));

    [Theory]
    [InlineData(140, 9, 7.5, 7, "subcutaneous", "nodular")]          // a 6 mm nodule and more
    [InlineData(40, 12, 3, 2.5, "subcutaneous", "linear_reticular")] // a short strand: long, not round
    [InlineData(30, 8, 3, 3, "muscle", "rice_grain")]                 // a grain along the fibres of a muscle
    public void Pattern_LargerOrLongerPieces_AreNotPunctate(double volume, double l1, double l2, double l3, string compartment, string pattern) =>
        Assert.Equal(pattern, PatternClassifier.Pattern(Shape(volume, l1, l2, l3), compartment));
}

/// <summary>
/// Among dots, a short piece is two dots that touch; among strands, a dot is a piece of the network; a long strand stays a
/// strand whatever lies round it.
/// </summary>
public class ClusterPatternTests
{
    private static Lesion Piece(string pattern, double volume, double length, string side = "right", string region = "gluteal") => new()
    {
        Pattern = pattern, VolumeMm3 = volume, PrincipalLengthsMm = [length, 3, 2], Compartment = "subcutaneous", Side = side, Region = region,
    };

    [Fact]
    public void ShortPieceAmongDots_IsPunctate()
    {
        var read = PatternClassifier.ApplyClusterRules([Piece("linear_reticular", 35, 7.9), Piece("punctate", 12, 2.7), Piece("punctate", 21, 3.1, region: "inguinal"), Piece("punctate", 20, 3.6, region: "inguinal")]);
        Assert.All(read, l => Assert.Equal("punctate", l.Pattern));
    }

    /// <summary>Dots swollen by thick slices past the punctate limit are dots among dots; a nodule of its own is not.</summary>
    [Fact]
    public void SwollenDotAmongDots_IsPunctate_ANoduleIsNot()
    {
        var read = PatternClassifier.ApplyClusterRules([Piece("nodular", 57, 4.6), Piece("nodular", 120, 7), Piece("punctate", 32, 4.6), Piece("punctate", 19, 4.6)]);
        Assert.Equal(["punctate", "nodular", "punctate", "punctate"], read.Select(l => l.Pattern));
    }

    [Fact]
    public void LongStrandAmongDots_StaysAStrand()
    {
        var read = PatternClassifier.ApplyClusterRules([Piece("linear_reticular", 90, 25), Piece("punctate", 12, 2.7), Piece("punctate", 21, 3.1)]);
        Assert.Equal("linear_reticular", read[0].Pattern);
    }

    [Fact]
    public void DotsOnTheOtherSide_LeaveAStrandAlone()
    {
        var read = PatternClassifier.ApplyClusterRules([Piece("linear_reticular", 35, 7.9, side: "left"), Piece("punctate", 12, 2.7), Piece("punctate", 21, 3.1)]);
        Assert.Equal("linear_reticular", read[0].Pattern);
    }

    [Fact]
    public void DotsInANetwork_AreStrands()
    {
        var read = PatternClassifier.ApplyClusterRules([Piece("linear_reticular", 400, 40), Piece("linear_reticular", 300, 30), Piece("linear_reticular", 30, 7),
            Piece("punctate", 12, 2.7), Piece("punctate", 21, 3.1), Piece("punctate", 20, 3.6), Piece("punctate", 15, 3), Piece("punctate", 18, 3.2), Piece("punctate", 14, 3)]);
        Assert.All(read, l => Assert.Equal("linear_reticular", l.Pattern));
    }
}
