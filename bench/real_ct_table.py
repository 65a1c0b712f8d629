#!/usr/bin/env python3
"""The real-CT table: runs `calciscope analyze` on every real CT in ../shared/data and prints one row per scan.

Reference code only (numpy, nibabel from Debian); never part of the product. Usage:
  bench/real_ct_table.py CALCISCOPE_EXE [--extra-args ...]
Writes bench/real_ct_table.md when --write is given.
"""
import json, os, subprocess, sys, tempfile
import numpy as np, nibabel as nib

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data", "ct"))
# What is known of each scan (from ../shared/data/README.md and a look at the images): its contrast and the body parts
# that must be found (others may be found too where the scan reaches them).
SCANS = [
    ("head_ct_gantry_tilt", "head_ct_gantry_tilt", False, False, {"head"}),
    ("chest_ct_contrast", "chest_ct_contrast.nii.gz", True, False, {"chest"}),
    ("upper_abdomen_j2k", "upper_abdomen_j2k", True, False, {"abdomen"}),
    ("lidc_0001", "lidc_0001_chest_upper_abdomen_iv_contrast.nii.gz", True, False, {"chest", "abdomen"}),
    ("lidc_0003", "lidc_0003_chest_upper_abdomen_iv_oral_contrast.nii.gz", True, True, {"chest", "abdomen"}),
]
TS_REF = os.path.join(DATA, "upper_abdomen_j2k_totalsegmentator.nii.gz")
# No real body CT of ../shared/data is unenhanced: an unenhanced copy of the upper abdomen is emulated with its
# TotalSegmentator reference (bench/unenhanced_emulation.py) and must read as an unenhanced abdomen.
EMULATED = ("upper_abdomen_unenhanced_emulated", "upper_abdomen_j2k", False, False, {"abdomen"})
# TotalSegmentator `total` class ids of bone and cartilage (v2 class map): vertebrae 26-50, humerus..femur 69-78,
# hips, sacrum 25, 77-78, ribs 92-115, sternum 116, costal cartilages 117, skull 91, scapula/clavicle 71-74.
TS_BONE = set(range(25, 51)) | set(range(69, 79)) | set(range(91, 118))


def on_grid(ref_img, grid_img):
    """The reference's labels on the label map's grid, by patient position (nearest voxel). The reference is LAS and
    CalciScope writes LPS-ordered arrays, so the rows run the other way: comparing the raw arrays is wrong."""
    ref = np.asarray(ref_img.dataobj)
    m = np.linalg.inv(ref_img.affine) @ grid_img.affine
    idx = np.indices(grid_img.shape[:3]).reshape(3, -1)
    src = np.rint(m[:3, :3] @ idx + m[:3, 3:4]).astype(int)
    ok = np.all((src >= 0) & (src < np.array(ref.shape[:3])[:, None]), axis=0)
    out = np.zeros(idx.shape[1], dtype=ref.dtype)
    out[ok] = ref[src[0, ok], src[1, ok], src[2, ok]]
    return out.reshape(grid_img.shape[:3])


def run(exe, name, path, extra, out):
    cmd = [exe, "analyze", path, "--out", out, "--label-map", os.path.join(out, "labels.nii.gz")] + extra
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        return None, p.stderr.strip().splitlines()[-1] if p.stderr.strip() else f"exit {p.returncode}"
    return json.load(open(os.path.join(out, "analysis.json"))), None


def main():
    exe = sys.argv[1]
    write = "--write" in sys.argv
    extra = [a for a in sys.argv[2:] if a != "--write"]
    rows = []
    fails = []
    for name, rel, enhanced, oral, parts in SCANS + [EMULATED]:
        path = os.path.join(DATA, rel)
        out = tempfile.mkdtemp(prefix="realct_")
        if (name, rel, enhanced, oral, parts) == EMULATED:
            sys.path.insert(0, HERE)
            import unenhanced_emulation as ue
            conv = os.path.join(out, "enhanced.nii.gz")
            subprocess.run([exe, "convert", path, "--out", conv], capture_output=True, check=True)
            ct = nib.load(conv)
            path = os.path.join(out, "emulated.nii.gz")
            nib.save(nib.Nifti1Image(ue.emulate(np.asarray(ct.dataobj), ue.labels_on(ct, nib.load(TS_REF))), ct.affine, ct.header), path)
        a, err = run(exe, name, path, extra, out)
        if a is None:
            rows.append(f"| {name} | failed: {err} | | | | | | |")
            fails.append(name)
            continue
        s, st = a["summary"], a["study"]
        soft = s.get("soft_tissue_volume_mm3", 0.0)
        got_enh = (st.get("contrast") or {}).get("enhanced")
        phase = (st.get("contrast") or {}).get("phase", "")
        if (st.get("contrast") or {}).get("oral"):
            phase += " + oral"
        bp = st.get("body_parts") or []
        names = {b["name"] for b in bp}
        regions = sorted({l["region"] for l in a["lesions"]})
        bad_regions = [r for r in regions if r in ("gluteal", "hip", "inguinal")] if "pelvis" not in names else []
        got_oral = bool((st.get("contrast") or {}).get("oral"))
        ok = soft <= 300 and got_enh == enhanced and got_oral == oral and parts <= names and not bad_regions
        if name == EMULATED[0]:
            ok = ok and names == parts
        bone = ""
        if name == "upper_abdomen_j2k":
            ct = nib.load(os.path.join(out, "labels.nii.gz"))
            lab = np.asarray(ct.dataobj)
            ref = on_grid(nib.load(TS_REF), ct)
            hu = None
            # The HU image on the same grid: convert with calciscope itself (same grid as the label map).
            conv = os.path.join(out, "ct.nii.gz")
            subprocess.run([exe, "convert", path, "--out", conv], capture_output=True)
            hu = np.asarray(nib.load(conv).dataobj)
            mask = np.isin(ref, list(TS_BONE)) & (hu >= 130)
            called = np.isin(lab[mask], [9] + list(range(10, 40)))
            soft_lab = np.isin(lab[mask], [1, 2, 3, 4, 7])
            bone = f"{100 * called.mean():.1f} % skeleton/cartilage, {int(soft_lab.sum())} vox soft"
            ok = ok and called.mean() >= 0.97 and soft_lab.sum() == 0
        parts_s = ", ".join(f"{b['name']} {b['z_mm'][0]:.0f}..{b['z_mm'][1]:.0f}" for b in bp)
        vascular = s.get("vascular_volume_mm3", 0.0)
        rows.append(f"| {name} | {soft / 1000:.2f} mL | {vascular / 1000:.2f} mL | {'enhanced' if got_enh else 'unenhanced'} {phase} (truth {'enhanced' if enhanced else 'unenhanced'}{' + oral' if oral else ''}) | {parts_s} | {', '.join(regions)} | {bone} | {'ok' if ok else 'FAIL'} |")
        if not ok:
            fails.append(name)
    head = "| scan | soft-tissue calcification | vascular (reported apart) | contrast | body parts (z mm) | lesion regions | TotalSegmentator bone >= 130 HU | |\n|---|---|---|---|---|---|---|---|"
    table = head + "\n" + "\n".join(rows)
    print(table)
    print(f"{len(SCANS) + 1 - len(fails)} of {len(SCANS) + 1} scans right (the last emulated)")
    if write:
        with open(os.path.join(HERE, "real_ct_table.md"), "w") as f:
            f.write(table + "\n")


if __name__ == "__main__":
    main()
