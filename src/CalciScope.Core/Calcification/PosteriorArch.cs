using CalciScope.Imaging;
using CalciScope.Segmentation;

namespace CalciScope.Calcification;

/// <summary>Where a dense component behind the vertebral body counts as the vertebra's posterior arch.</summary>
/// <param name="MidlineShare">
/// The arch's centre lies on the body's midline within this share of the half-width, as the spine's does
/// (<see cref="BoneClassifier.SpineMidlineShare"/>).
/// </param>
/// <param name="MaxCanalMm">
/// Largest gap between the vertebral body's back and the arch: the spinal canal's sagittal diameter, about 15-20 mm in
/// adults (a lumbar canal under 10-13 mm is stenosed, Verbiest's bounds; a cervical canal is 14-18 mm, its ratio to the
/// body's depth near 1, Pavlov, Radiology 1987), with a margin for the partial volume that cuts the body's back short.
/// </param>
/// <param name="MinAlongBodyShare">
/// Share of the arch's slices that the vertebral body spans too: the arch is the body's own vertebrae, never above or
/// below the column.
/// </param>
/// <param name="MinDorsalShare">
/// The vertebral body lies at least this share of the trunk's half-depth behind its centre, so that 'behind the body'
/// has a direction: the spine's body lies at 40-70 % of the half-depth in the chest, abdomen, pelvis and neck (the
/// phantom family; the real CTs of ../shared/data).
/// </param>
/// <param name="MinPeakHu">The arch peaks at bone density, as the spine's faintest cortex does (<see cref="BoneClassifier.SpineMinPeakHu"/>).</param>
public sealed record PosteriorArchOptions(double MidlineShare = BoneClassifier.SpineMidlineShare, double MaxCanalMm = 25,
    double MinAlongBodyShare = 0.8, double MinDorsalShare = 0.2, short MinPeakHu = BoneClassifier.SpineMinPeakHu);

/// <summary>
/// The vertebra's posterior arch is a bone of its own where the pedicles fall between slices or fade in a thick one: a
/// cortex round marrow, open where the arch thins into the spinous process or the wall's fat, which an arc test reads as
/// a plaque hugging a lumen of blood (the phantom family's arches round fatty marrow of -20 to 60 HU, as dense as blood
/// without contrast: 1.8-12.2 mL of 'vascular calcification' each in seeds 372, 582, 1821, 2096, 2744 and 2863). No artery
/// runs behind the vertebral body on the midline: the aorta and its plaques lie in front of the spine or beside it, the
/// canal behind it holds only the cord and its small vessels. A component called vessel wall that lies on the midline,
/// behind a bone on the midline that spans its slices, across no more than a canal's depth, is that bone's arch.
/// </summary>
internal static class PosteriorArch
{
    /// <summary>Marks as bone the vessel-wall components that are an arch behind a vertebral body; returns how many.</summary>
    public static int Mark(List<ComponentStats> stats, SliceStats[] slices, VolumeGeometry g, PosteriorArchOptions o)
    {
        int marked = 0;
        int canal = (int)Math.Ceiling(o.MaxCanalMm / g.Spacing.Y);
        foreach (var s in stats)
        {
            if (!s.VesselWall || s.MaxHu < o.MinPeakHu || !BoneClassifier.OnMidline(s, slices, o.MidlineShare)) continue;
            var mid = slices[s.MidK(slices.Length)];
            foreach (var body in stats)
            {
                if (!body.IsBone || !BoneClassifier.OnMidline(body, slices, o.MidlineShare) || !Spans(body, s, o)) continue;
                double bodyJ = (body.MinJ + body.MaxJ) / 2.0, offset = bodyJ - mid.CentreJ;
                if (Math.Abs(offset) < o.MinDorsalShare * mid.HalfDepthJ) continue;
                // Behind the body's centre, wholly, and no further from its back than the canal is deep.
                bool behind = offset > 0 ? s.MinJ > bodyJ && s.MinJ - body.MaxJ <= canal : s.MaxJ < bodyJ && body.MinJ - s.MaxJ <= canal;
                if (!behind) continue;
                s.VesselWall = false;
                s.IsBone = true;
                marked++;
                CalcificationDetector.Trace(s, g.VoxelVolumeMm3, "behind the vertebral body on the midline: its posterior arch, bone");
                break;
            }
        }
        return marked;
    }

    private static bool Spans(ComponentStats body, ComponentStats s, PosteriorArchOptions o)
    {
        int overlap = Math.Min(body.MaxK, s.MaxK) - Math.Max(body.MinK, s.MinK) + 1;
        return overlap >= o.MinAlongBodyShare * (s.MaxK - s.MinK + 1);
    }
}
