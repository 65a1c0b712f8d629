using CalciScope.Dicom;

namespace CalciScope.Tests.Support;

/// <summary>All frames of a file decoded to stored values with CalciScope's codec.</summary>
public static class Frames
{
    public static int[][] Stored(string path)
    {
        var file = DicomReader.ReadFile(path);
        var d = PixelDescription.From(file.Dataset);
        var frames = new int[d.Frames][];
        for (int f = 0; f < d.Frames; f++)
        {
            frames[f] = new int[d.PixelsPerFrame];
            DicomPixelData.DecodeFrame(file, d, f, frames[f]);
        }
        return frames;
    }

    public static int[] Flat(string path) => Stored(path).SelectMany(x => x).ToArray();
}
