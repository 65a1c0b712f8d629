#!/usr/bin/python3
"""The peer: the same stages written the way a user would with numpy/scipy (Debian's packages), on the same study.
Never part of the product. Prints JSON with seconds per stage."""
import glob, json, sys, time
import numpy as np, pydicom
from scipy import ndimage

t = {}
t0 = time.perf_counter()
files = glob.glob(sys.argv[1] + "/*")
slices = [pydicom.dcmread(f) for f in files]
slices.sort(key=lambda d: float(d.ImagePositionPatient[2]))
vol = np.stack([d.pixel_array for d in slices]).astype(np.int16)
t["read"] = time.perf_counter() - t0

t0 = time.perf_counter()
hu = (vol.astype(np.int32) * int(slices[0].RescaleSlope) + int(slices[0].RescaleIntercept)).astype(np.int16)
t["hu"] = time.perf_counter() - t0

t0 = time.perf_counter()
body = np.zeros(hu.shape, bool); depth = np.zeros(hu.shape, np.float32); inner = np.zeros(hu.shape, bool)
px = float(slices[0].PixelSpacing[0])
for k in range(hu.shape[0]):
    b = ndimage.binary_fill_holes(hu[k] > -400)
    body[k] = b
    depth[k] = ndimage.distance_transform_edt(b, sampling=px)
    soft = b & (depth[k] > 2.5) & (hu[k] > -30)
    soft = ndimage.binary_opening(soft, iterations=max(1, int(2.5 / px)))
    soft = ndimage.binary_closing(soft, iterations=max(1, int(10 / px)))
    inner[k] = ndimage.binary_fill_holes(soft)
t["tissue_map"] = time.perf_counter() - t0

t0 = time.perf_counter()
calc = (hu >= 130) & body
labels, n = ndimage.label(calc, structure=np.ones((3, 3, 3)))
t["labelling"] = time.perf_counter() - t0

t0 = time.perf_counter()
idx = np.arange(1, n + 1)
counts = ndimage.sum_labels(np.ones_like(labels, np.int32), labels, idx)
means = ndimage.mean(hu, labels, idx)
maxima = ndimage.maximum(hu, labels, idx)
centroids = ndimage.center_of_mass(calc, labels, idx)
subcut = ndimage.sum_labels(~inner, labels, idx)
t["measures"] = time.perf_counter() - t0
t["end_to_end"] = sum(t.values())
print(json.dumps({k: round(v, 3) for k, v in t.items()} | {"components": int(n)}))
