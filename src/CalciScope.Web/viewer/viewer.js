// The study viewer of the CalciScope page: the CT with the calcification label map over it (NiiVue, WebGL2).
// Bundled at build time (esbuild, from the npm lockfile) into wwwroot's viewer.js; app.js drives it through
// window.CalciScopeViewer and listens for 'calciscope:location' events.
import { Niivue, NVImage, SLICE_TYPE, DRAG_MODE } from '@niivue/niivue';
import { segToLabels, labelsToNifti } from './seg.js';

// Window presets as [centre, width] in HU (soft tissue 40/400, bone 500/2000, lung -600/1500: the usual CT settings).
export const PRESETS = { soft: [40, 400], bone: [500, 2000], lung: [-600, 1500] };

// The label map's values (contract: analysis.json label_map_labels) and their colours; the skeleton starts hidden.
export const LABELS = [
  [1, 'skin', [255, 205, 0]], [2, 'subcutaneous', [255, 60, 60]], [3, 'fascial', [255, 140, 0]], [4, 'muscle', [190, 60, 255]],
  [5, 'vascular', [0, 150, 255]], [6, 'visceral', [0, 200, 120]], [7, 'periarticular', [255, 0, 170]], [8, 'other', [170, 170, 170]],
  [9, 'skeleton', [235, 235, 190]], [10, 'costal_cartilage', [120, 210, 255]],
];

/** A SEG segment's label ("subcutaneous calcification", "costal cartilage") to its label-map value ("other" if unknown). */
function labelOf(segmentLabel) {
  const name = segmentLabel.replace(' calcification', '').replace(/ /g, '_');
  return (LABELS.find(([, n]) => n === name) ?? LABELS.find(([, n]) => n === 'other'))[0];
}

const SLICE = { axial: SLICE_TYPE.AXIAL, coronal: SLICE_TYPE.CORONAL, sagittal: SLICE_TYPE.SAGITTAL, multiplanar: SLICE_TYPE.MULTIPLANAR };
const MODES = { window: DRAG_MODE.contrast, measure: DRAG_MODE.measurement, pan: DRAG_MODE.pan };

class Viewer {
  constructor(canvas) {
    // Radiological convention, as on every reading station: the patient's right on the screen's left.
    this.nv = new Niivue({ isRadiologicalConvention: true, backColor: [0, 0, 0, 1], crosshairColor: [1, 0.85, 0, 0.8], show3Dcrosshair: false, isOrientCube: false, dragMode: DRAG_MODE.contrast, multiplanarForceRender: false });
    this.canvas = canvas;
    this.visible = new Set(LABELS.filter(([, n]) => n !== 'skeleton').map(([v]) => v));
    this.opacity = 0.7;
    this.lesions = [];
    this.sliceType = 'axial';
    this.ready = this.nv.attachToCanvas(canvas);
  }

  /** Loads the CT (NIfTI) and, as the overlay, the report's DICOM SEG itself, read in the page onto the CT's grid. */
  async open(volumeUrl, segUrl, lesions) {
    await this.ready;
    this.lesions = lesions || [];
    const [c, w] = PRESETS.soft;
    await this.nv.loadVolumes([{ url: volumeUrl, name: 'ct.nii.gz', colormap: 'gray', cal_min: c - w / 2, cal_max: c + w / 2, trustCalMinMax: true }]);
    const response = await fetch(segUrl, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`the segmentation could not be fetched (${response.status})`);
    const hdr = this.nv.volumes[0].hdr;
    const labels = segToLabels(await response.arrayBuffer(), hdr, labelOf);
    const overlay = await NVImage.loadFromUrl({ url: 'seg.nii', name: 'seg.nii', buffer: labelsToNifti(hdr, labels).buffer, opacity: this.opacity });
    this.nv.addVolume(overlay);
    this.overlayVoxels = labels.reduce((n, v) => n + (v > 0 ? 1 : 0), 0);
    this.applyLabels();
    this.nv.onLocationChange = data => this.located(data);
    this.setSliceType('axial');
    this.preset = 'soft';
    this.canvas.dispatchEvent(new CustomEvent('calciscope:ready', { bubbles: true }));
  }

  applyLabels() {
    const cm = { R: [0], G: [0], B: [0], A: [0], I: [0], labels: ['background'] };
    for (const [v, name, rgb] of LABELS) {
      cm.R.push(rgb[0]); cm.G.push(rgb[1]); cm.B.push(rgb[2]); cm.A.push(this.visible.has(v) ? 255 : 0); cm.I.push(v); cm.labels.push(name);
    }
    const labels = this.nv.volumes[1];
    labels.setColormapLabel(cm);
    labels.opacity = this.opacity;
    this.nv.updateGLVolume();
  }

  setPreset(name) {
    const [c, w] = PRESETS[name];
    const ct = this.nv.volumes[0];
    ct.cal_min = c - w / 2;
    ct.cal_max = c + w / 2;
    this.preset = name;
    this.nv.updateGLVolume();
  }

  setSliceType(name) {
    this.sliceType = name;
    this.nv.setSliceType(SLICE[name]);
  }

  setDragMode(name) { this.nv.opts.dragMode = MODES[name]; }

  toggleLabel(value, on) {
    if (on) this.visible.add(value); else this.visible.delete(value);
    this.applyLabels();
  }

  setOpacity(o) {
    this.opacity = o;
    this.nv.setOpacity(1, o);
  }

  zoom(factor) {
    const p = this.nv.scene.pan2Dxyzmm;
    this.nv.setPan2Dxyzmm([p[0], p[1], p[2], Math.min(8, Math.max(0.5, p[3] * factor))]);
  }

  /** Moves the crosshair to a point in DICOM patient coordinates (LPS mm), as analysis.json gives lesion centroids. */
  goToLps([x, y, z]) {
    this.nv.scene.crosshairPos = this.nv.mm2frac([-x, -y, z]);
    this.nv.drawScene();
    this.nv.createOnLocationChange();
  }

  /** One slice further along the current view's axis (the mouse wheel does the same). */
  step(n) {
    const axis = { axial: 2, coronal: 1, sagittal: 0, multiplanar: 2 }[this.sliceType];
    const d = [0, 0, 0];
    d[axis] = n;
    this.nv.moveCrosshairInVox(d[0], d[1], d[2]);
  }

  /** The crosshair in LPS mm, the HU and label under it, and the lesion it lies in or beside. */
  located(data) {
    const ras = data?.mm ?? this.nv.frac2mm(this.nv.scene.crosshairPos);
    const lps = [-ras[0], -ras[1], ras[2]];
    const values = data?.values ?? [];
    const hu = values[0]?.value;
    const label = Math.round(values[1]?.value ?? 0);
    let lesion = null, best = Infinity;
    for (const l of this.lesions) {
      const c = l.centroid_mm;
      const d = Math.hypot(c[0] - lps[0], c[1] - lps[1], c[2] - lps[2]);
      // Within a lesion of this size, or a few millimetres off a small one.
      const reach = Math.max(6, Math.cbrt(l.volume_mm3) * 1.5);
      if (d < reach && d < best) { best = d; lesion = l; }
    }
    this.canvas.dispatchEvent(new CustomEvent('calciscope:location', { bubbles: true, detail: { lps, hu, label, lesion } }));
  }

  /** What the tests and the page read back: the crosshair, the window, the overlay. */
  state() {
    const ct = this.nv.volumes[0];
    return {
      crosshair: Array.from(this.nv.scene.crosshairPos), lps: (([x, y, z]) => [-x, -y, z])(this.nv.frac2mm(this.nv.scene.crosshairPos)),
      window: [ct?.cal_min, ct?.cal_max], preset: this.preset, sliceType: this.sliceType, visible: [...this.visible].sort((a, b) => a - b),
      opacity: this.opacity, volumes: this.nv.volumes.length, dims: ct ? Array.from(ct.dims.slice(1, 4)) : [],
      zoom: this.nv.scene.pan2Dxyzmm[3], measurements: this.nv.document?.completedMeasurements?.length ?? 0, overlayVoxels: this.overlayVoxels ?? 0,
    };
  }
}

window.CalciScopeViewer = { create: canvas => new Viewer(canvas), PRESETS, LABELS };
window.dispatchEvent(new Event('calciscope:viewer-loaded'));
