#!/usr/bin/env python3
"""A stress run, not a pass/fail table: every real CT of ../shared/data with its slices averaged in groups to about
5 mm, as a thick reconstruction of the same scan would show them, analysed by calciscope. None of these patients has
soft-tissue calcinosis, so what it reports in soft tissue is false.

Reference code only (numpy, nibabel from Debian). Usage: bench/thick_slice_stress.py CALCISCOPE_EXE [THICKNESS_MM]
"""
import json, os, subprocess, sys, tempfile
import numpy as np, nibabel as nib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from real_ct_table import DATA, SCANS  # noqa: E402


def thicken(src, out, target_mm):
    img = nib.load(src)
    d = np.asarray(img.dataobj).astype(np.float32)
    step = np.linalg.norm(img.affine[:3, 2])
    n = max(1, int(round(target_mm / step)))
    k = d.shape[2] // n
    t = d[:, :, :k * n].reshape(d.shape[0], d.shape[1], k, n).mean(axis=3)
    aff = img.affine.copy()
    aff[:3, 3] += img.affine[:3, 2] * (n - 1) / 2
    aff[:3, 2] *= n
    nib.save(nib.Nifti1Image(np.round(t).astype(np.int16), aff), out)
    return step, step * n


def main():
    exe = sys.argv[1]
    target = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
    print("| scan | slices (mm) | soft-tissue calcification | contrast | body parts |\n|---|---|---|---|---|")
    for name, rel, enhanced, oral, parts in SCANS:
        work = tempfile.mkdtemp(prefix="thick_")
        src = os.path.join(DATA, rel)
        if not rel.endswith(".nii.gz"):
            conv = os.path.join(work, "ct.nii.gz")
            subprocess.run([exe, "convert", src, "--out", conv], capture_output=True, check=True)
            src = conv
        thick = os.path.join(work, "thick.nii.gz")
        before, after = thicken(src, thick, target)
        out = os.path.join(work, "out")
        subprocess.run([exe, "analyze", thick, "--out", out], capture_output=True, check=True)
        a = json.load(open(os.path.join(out, "analysis.json")))
        c = a["study"]["contrast"]
        verdict = ("enhanced " + c.get("phase", "") if c.get("enhanced") else "unenhanced") + (" + oral" if c.get("oral") else "")
        truth = ("enhanced" if enhanced else "unenhanced") + (" + oral" if oral else "")
        bp = ", ".join(b["name"] for b in a["study"]["body_parts"])
        print(f"| {name} | {before:.2f} -> {after:.2f} | {a['summary']['soft_tissue_volume_mm3'] / 1000:.2f} mL | {verdict} (truth {truth}) | {bp} |")


if __name__ == "__main__":
    main()
