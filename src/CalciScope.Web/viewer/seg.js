// A DICOM SEG read in the page, so that the overlay is the very object the PACS receives: explicit VR little endian
// (the transfer syntax CalciScope writes), sequences and items of defined or undefined length, binary frames placed on
// the CT's grid by their ImagePositionPatient.
const LONG_VR = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const UNDEFINED = 0xffffffff;
const TAG = {
  rows: 0x00280010, columns: 0x00280011, segments: 0x00620002, segmentNumber: 0x00620004, segmentLabel: 0x00620005,
  perFrame: 0x52009230, planePosition: 0x00209113, position: 0x00200032, segmentId: 0x0062000a, referencedSegment: 0x0062000b, pixels: 0x7fe00010,
};

function parseDataset(view, pos, end) {
  const ds = new Map();
  while (pos + 8 <= end) {
    const group = view.getUint16(pos, true), element = view.getUint16(pos + 2, true);
    if (group === 0xfffe) { pos += 8; if (element === 0xe00d) return [ds, pos]; continue; }
    const vr = String.fromCharCode(view.getUint8(pos + 4), view.getUint8(pos + 5));
    const long = LONG_VR.has(vr);
    const length = long ? view.getUint32(pos + 8, true) : view.getUint16(pos + 6, true);
    const start = pos + (long ? 12 : 8);
    const tag = ((group << 16) | element) >>> 0;
    if (vr === 'SQ') {
      const [items, next] = parseSequence(view, start, length, end);
      ds.set(tag, { vr, items });
      pos = next;
      continue;
    }
    if (length === UNDEFINED) throw new Error('encapsulated data in a SEG is not supported');
    if (start + length > end) throw new Error('the SEG is truncated');
    ds.set(tag, { vr, offset: start, length });
    pos = start + length;
  }
  return [ds, pos];
}

function parseSequence(view, pos, length, end) {
  const items = [];
  const stop = length === UNDEFINED ? end : pos + length;
  while (pos + 8 <= stop) {
    const group = view.getUint16(pos, true), element = view.getUint16(pos + 2, true), itemLength = view.getUint32(pos + 4, true);
    pos += 8;
    if (group !== 0xfffe) throw new Error('malformed sequence in the SEG');
    if (element === 0xe0dd) break;
    if (itemLength === UNDEFINED) { const [ds, next] = parseDataset(view, pos, stop); items.push(ds); pos = next; }
    else { items.push(parseDataset(view, pos, pos + itemLength)[0]); pos += itemLength; }
  }
  return [items, pos];
}

const text = (view, e) => e ? new TextDecoder().decode(new Uint8Array(view.buffer, e.offset, e.length)).replace(/[\0 ]+$/, '') : '';
const ushort = (view, e) => e ? view.getUint16(e.offset, true) : 0;
const first = (ds, tag) => ds.get(tag)?.items?.[0];

/** The inverse of a 4x4 row-major voxel-to-mm affine's 3x3 part, applied to (mm - translation). */
function toVoxel(affine, mm) {
  const [a, b, c] = [affine[0], affine[1], affine[2]];
  const m = [a[0], a[1], a[2], b[0], b[1], b[2], c[0], c[1], c[2]];
  const d = [mm[0] - a[3], mm[1] - b[3], mm[2] - c[3]];
  const det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
  const inv = [
    (m[4] * m[8] - m[5] * m[7]) / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
    (m[5] * m[6] - m[3] * m[8]) / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
    (m[3] * m[7] - m[4] * m[6]) / det, (m[1] * m[6] - m[0] * m[7]) / det, (m[0] * m[4] - m[1] * m[3]) / det,
  ];
  return [0, 1, 2].map(r => inv[3 * r] * d[0] + inv[3 * r + 1] * d[1] + inv[3 * r + 2] * d[2]);
}

/**
 * The SEG as a label map on the CT's grid (native voxel order of its NIfTI, whose sform maps voxels to RAS mm).
 * labelOf turns a segment's label ("subcutaneous calcification", "skeleton") into its label-map value.
 */
export function segToLabels(buffer, hdr, labelOf) {
  const view = new DataView(buffer);
  if (buffer.byteLength < 132 || text(view, { offset: 128, length: 4 }) !== 'DICM') throw new Error('not a DICOM file');
  const [ds] = parseDataset(view, 132, buffer.byteLength);
  const [nx, ny, nz] = [hdr.dims[1], hdr.dims[2], hdr.dims[3]];
  const rows = ushort(view, ds.get(TAG.rows)), columns = ushort(view, ds.get(TAG.columns));
  if (rows !== ny || columns !== nx) throw new Error(`the SEG is ${columns}x${rows}, the CT ${nx}x${ny}`);
  const labels = new Map();
  for (const s of ds.get(TAG.segments)?.items ?? []) labels.set(ushort(view, s.get(TAG.segmentNumber)), labelOf(text(view, s.get(TAG.segmentLabel))));
  const frames = ds.get(TAG.perFrame)?.items ?? [];
  const pixels = ds.get(TAG.pixels);
  const len = nx * ny;
  if (!pixels || frames.length * len > pixels.length * 8) throw new Error('the SEG has fewer pixels than frames');
  const bytes = new Uint8Array(buffer, pixels.offset, pixels.length);
  const out = new Uint8Array(len * nz);
  frames.forEach((frame, f) => {
    const segment = ushort(view, first(frame, TAG.segmentId)?.get(TAG.referencedSegment));
    const ipp = text(view, first(frame, TAG.planePosition)?.get(TAG.position)).split('\\').map(Number);
    const label = labels.get(segment);
    if (!label || ipp.length !== 3) return;
    // DICOM positions are LPS; the NIfTI's sform is RAS.
    const k = Math.round(toVoxel(hdr.affine, [-ipp[0], -ipp[1], ipp[2]])[2]);
    if (k < 0 || k >= nz) return;
    for (let i = 0, bit = f * len; i < len; i++, bit++)
      if ((bytes[bit >> 3] >> (bit & 7)) & 1) out[k * len + i] = label;
  });
  return out;
}

/** A NIfTI-1 file holding the label map with the CT's geometry (its header, retyped to uint8). */
export function labelsToNifti(hdr, labels) {
  const head = new Uint8Array(hdr.toArrayBuffer(false));
  const view = new DataView(head.buffer);
  const le = hdr.littleEndian;
  view.setInt16(70, 2, le);         // datatype: unsigned char
  view.setInt16(72, 8, le);         // bits per voxel
  view.setFloat32(108, 352, le);    // voxel data right after the header and its 4 extension bytes
  view.setFloat32(112, 1, le);      // no scaling
  view.setFloat32(116, 0, le);
  view.setFloat32(124, 0, le);      // cal_max, cal_min: the label colour map decides
  view.setFloat32(128, 0, le);
  head.set([0x6e, 0x2b, 0x31, 0], 344); // "n+1\0": data in the same file
  head.fill(0, 348, 352);
  const file = new Uint8Array(352 + labels.length);
  file.set(head.subarray(0, 352));
  file.set(labels, 352);
  return file;
}
