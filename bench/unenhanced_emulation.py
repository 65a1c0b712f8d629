#!/usr/bin/env python3
"""An unenhanced copy of a contrast CT, emulated with a TotalSegmentator `total` segmentation of the same scan.

Reference code only (numpy, scipy, nibabel from Debian); never part of the product. The same emulation as the tests'
UnenhancedEmulation, per class here: every enhanced class (organs, vessels, heart) is brought down by its median's excess
over its unenhanced density, its two-voxel rim by the share of the class in each voxel's partial volume; calcium well
above the median stays. Vessels the segmentation does not name are then what stays at 100-450 HU outside its bones,
away from anything denser, brought to 15 % of their excess over blood. Usage:
  bench/unenhanced_emulation.py CT.nii.gz SEG.nii.gz OUT.nii.gz
"""
import sys
import numpy as np, nibabel as nib
from scipy import ndimage as ndi

BLOOD = 40
# Unenhanced densities (HU): liver 55, spleen 45, pancreas 40, adrenals 25, kidneys 30; blood and heart 40.
TARGETS = {1: 45, 2: 30, 3: 30, 5: 55, 7: 40, 8: 25, 9: 25, **{c: BLOOD for c in range(51, 69)}}
BONE = list(range(25, 51)) + list(range(69, 79)) + list(range(91, 118))


def labels_on(ct, seg):
    """The segmentation's labels on the CT's grid; the two differ only by axis flips (LAS against LPS)."""
    lab = np.asarray(seg.dataobj).astype(np.int16)
    m = np.linalg.inv(seg.affine) @ ct.affine
    for ax in range(3):
        if m[ax, ax] < 0:
            lab = np.flip(lab, ax)
    assert lab.shape == ct.shape[:3], "the segmentation is not on the CT's grid"
    return lab


def emulate(hu, lab):
    out = hu.astype(np.float32).copy()
    for cid, target in TARGETS.items():
        mask = lab == cid
        if mask.sum() < 50:
            continue
        med = float(np.median(hu[mask]))
        if med - target <= 20:
            continue
        keep = hu >= max(med + 75, 400)
        shift = med - target
        out[mask & ~keep] = hu[mask & ~keep] - shift
        rim = ndi.binary_dilation(mask, iterations=2) & ~mask & ~keep
        share = np.clip((hu - BLOOD) / (med - BLOOD), 0, 1)
        out[rim] = hu[rim] - share[rim] * shift
    bone = ndi.binary_dilation(np.isin(lab, BONE), iterations=2)
    dense = ndi.binary_dilation(out >= 450, iterations=2)
    sel = (out >= 100) & (out < 450) & ~bone & ~dense
    out[sel] = BLOOD + (out[sel] - BLOOD) * 0.15
    return np.round(out).astype(np.int16)


def main():
    ct_path, seg_path, out_path = sys.argv[1:4]
    ct = nib.load(ct_path)
    out = emulate(np.asarray(ct.dataobj), labels_on(ct, nib.load(seg_path)))
    nib.save(nib.Nifti1Image(out, ct.affine, ct.header), out_path)


if __name__ == "__main__":
    main()
