#!/usr/bin/env python3
"""Every grayscale JPEG 2000, HTJ2K and JPEG-LS file of Debian's pydicom test data, decoded by CalciScope
(`calciscope convert`) and by pydicom (with its own handlers, or after dcmtk's dcmdjpls or GDCM's gdcmconv --raw where
it has none), compared by voxel count, sum, min and max after the
modality LUT (orientation-free, so the NIfTI's axis order does not matter). Reference code only; never in the product.
Usage: bench/pydicom_syntax_table.py CALCISCOPE_EXE"""
import os, subprocess, sys, tempfile
import numpy as np, nibabel as nib, pydicom
from pydicom.pixel_data_handlers.util import apply_modality_lut

D = "/usr/lib/python3/dist-packages/pydicom/data/test_files/"
SYNTAXES = {
    "1.2.840.10008.1.2.4.90": "JPEG 2000 lossless", "1.2.840.10008.1.2.4.91": "JPEG 2000",
    "1.2.840.10008.1.2.4.201": "HTJ2K lossless", "1.2.840.10008.1.2.4.202": "HTJ2K lossless RPCL", "1.2.840.10008.1.2.4.203": "HTJ2K",
    "1.2.840.10008.1.2.4.80": "JPEG-LS lossless", "1.2.840.10008.1.2.4.81": "JPEG-LS near-lossless",
}


def summary(a):
    return f"n {a.size} sum {a.sum():.0f} [{a.min():.0f}, {a.max():.0f}]"


def reference(path, ts):
    """pydicom's decode; where it has no working handler, the file transcoded to raw by dcmtk (JPEG-LS: dcmdjpls) or
    GDCM (JPEG 2000 and HTJ2K: gdcmconv --raw) and read by pydicom. Returns the values and who decoded them."""
    try:
        ds = pydicom.dcmread(path, force=True)
        return apply_modality_lut(ds.pixel_array, ds).astype(np.float64), "pydicom: "
    except Exception as e:
        first = type(e).__name__
    raw = os.path.join(tempfile.mkdtemp(), "raw.dcm")
    cmd = ["dcmdjpls", path, raw] if ts in ("1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81") else ["gdcmconv", "--raw", path, raw]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0 or not os.path.exists(raw):
        return None, f"pydicom ({first}) and {cmd[0]} (exit {p.returncode}) cannot decode"
    ds = pydicom.dcmread(raw, force=True)
    return apply_modality_lut(ds.pixel_array, ds).astype(np.float64), f"{cmd[0]}: "


def main():
    exe = sys.argv[1]
    rows = []
    for f in sorted(os.listdir(D)):
        if not f.endswith(".dcm"):
            continue
        try:
            ds = pydicom.dcmread(D + f, force=True)
        except Exception:
            continue
        ts = str(getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", ""))
        if ts not in SYNTAXES or "PixelData" not in ds or int(ds.get("SamplesPerPixel", 1)) != 1:
            continue
        ref, who = reference(D + f, ts)
        refs = who + summary(ref) if ref is not None else who
        out = os.path.join(tempfile.mkdtemp(), "x.nii")
        p = subprocess.run([exe, "convert", D + f, "--out", out], capture_output=True, text=True)
        if p.returncode != 0:
            ours, oursd = None, "exit %d: %s" % (p.returncode, p.stderr.strip().splitlines()[-1].split(": ", 2)[-1][:100])
        else:
            ours = np.asarray(nib.load(out).dataobj).astype(np.float64)
            oursd = summary(ours)
        if ref is None:
            verdict = "no reference decodes it" if ours is None else "only CalciScope decodes"
        elif ours is None:
            verdict = "REFUSED"
        else:
            same = ours.size == ref.size and abs(ours.sum() - ref.sum()) < 0.5 and ours.min() == ref.min() and ours.max() == ref.max()
            verdict = "same" if same else "DIFFERENT"
        rows.append(f"| {f} | {SYNTAXES[ts]} | {oursd} | {refs} | {verdict} |")
    print("| file | syntax | CalciScope | reference | result |\n|---|---|---|---|---|")
    print("\n".join(rows))


main()
