// CalciScope page: sign in, upload or pick a study, follow the job, view the CT with its calcification overlay,
// and re-rank the differential as the clinical picture changes. No token ever travels in a URL: the page sends it once
// in the Authorization header and the server answers with an HttpOnly cookie.
'use strict';
const $ = id => document.getElementById(id);
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const csrf = () => (document.cookie.split('; ').find(c => c.startsWith('calciscope_csrf=')) || '').slice('calciscope_csrf='.length);
let studyId = null, analysis = null, viewer = null, jobFollowed = null;

const common = [['sle', 'SLE'], ['butterfly_rash', 'Butterfly rash'], ['hard_nodules', 'Hard nodules'], ['sinus_discharge', 'Sinus tract / discharge'],
  ['scleroderma', 'Systemic sclerosis'], ['raynaud', 'Raynaud'], ['dermatomyositis', 'Dermatomyositis'], ['proximal_weakness', 'Proximal weakness'],
  ['ckd_dialysis', 'CKD / dialysis'], ['trauma_local', 'Trauma at the site'], ['im_injections', 'Injections at the site'],
  ['varicose_veins', 'Varicose veins'], ['endemic_pork', 'Pork tapeworm area'], ['great_toe_malformation', 'Malformed great toes']];
$('checks').innerHTML = common.map(([id, label]) => `<label><input type="checkbox" value="${id}"> ${label}</label>`).join('');

class ApiError extends Error { constructor(status, message) { super(message); this.status = status; } }

async function api(path, opts = {}) {
  const headers = { ...(opts.headers || {}) };
  if (opts.method && opts.method !== 'GET') headers['X-CSRF-Token'] = csrf();
  const r = await fetch(path, { ...opts, headers, credentials: 'same-origin' });
  const body = r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text();
  if (r.status === 401) showLogin();
  if (!r.ok) throw new ApiError(r.status, body?.error || r.statusText);
  return body;
}

function showLogin() { $('login').hidden = false; $('main').hidden = true; $('token').focus(); }

$('login').onsubmit = async e => {
  e.preventDefault();
  try {
    await api('/api/session', { method: 'POST', headers: { Authorization: 'Bearer ' + $('token').value } });
    $('token').value = '';
    $('login').hidden = true; $('main').hidden = false;
    start();
  } catch (err) { $('login-error').textContent = err.message; }
};

// ---- upload and jobs ----
$('send').onclick = async () => {
  const files = $('files').files;
  if (!files.length) { $('status').textContent = 'Choose files first.'; return; }
  const form = new FormData();
  for (const f of files) form.append('files', f, f.name);
  $('status').textContent = 'Uploading...';
  try { follow(await api('/api/studies', { method: 'POST', body: form })); }
  catch (e) { $('status').innerHTML = `<span class="error">${esc(e.message)}</span>`; }
};

const stageWords = { queued: 'waiting', reading: 'reading the images', analysing: 'finding calcification', viewer: 'preparing the viewer',
  differential: 'ranking the differential', report: 'writing the report', pacs: 'storing in the PACS', done: 'done' };

async function follow(started) {
  jobFollowed = started.job_id;
  $('progress-box').hidden = false;
  for (;;) {
    const j = await api('/api/jobs/' + started.job_id);
    if (jobFollowed !== started.job_id) return;
    $('progress').value = j.progress;
    $('progress-label').textContent = `Analysis: ${stageWords[j.stage] || j.stage} (${Math.round(j.progress * 100)} %)`;
    $('status').textContent = '';
    if (j.state === 'failed') { $('status').innerHTML = `<span class="error">${esc(j.error)}</span>`; refreshStudies(); return; }
    if (j.state === 'done') break;
    await new Promise(r => setTimeout(r, 500));
  }
  $('progress-box').hidden = true;
  await openStudy(started.study_id);
}

async function refreshStudies() {
  const list = await api('/api/studies');
  $('studies').innerHTML = list.length ? '<tr><th>Patient</th><th>Date</th><th>Series</th><th>State</th></tr>' + list.map(s =>
    `<tr data-study="${esc(s.study_id)}" tabindex="0" class="${s.study_id === studyId ? 'current' : ''}"><td>${esc(s.banner?.patient_name || s.banner?.patient_id || '—')}</td>` +
    `<td>${esc(formatDate(s.banner?.study_date))}</td><td>${esc(s.banner?.description || '')}</td><td>${esc(s.state === 'running' ? `${stageWords[s.stage] || s.stage}` : s.state)}</td></tr>`).join('')
    : '<tr><td class="muted">None yet.</td></tr>';
  document.querySelectorAll('#studies tr[data-study]').forEach(tr => {
    const open = () => { const s = list.find(x => x.study_id === tr.dataset.study); if (s?.state === 'done') openStudy(s.study_id); };
    tr.onclick = open; tr.onkeydown = e => { if (e.key === 'Enter') open(); };
  });
  return list;
}

function formatDate(d) { return d && d.length === 8 ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : (d || ''); }

// ---- one study ----
async function openStudy(id) {
  studyId = id;
  const [entry, a] = await Promise.all([api(`/api/studies/${id}`), api(`/api/studies/${id}/analysis`)]);
  analysis = a;
  const b = entry.banner || {};
  $('banner').hidden = false;
  $('banner').textContent = [b.patient_name || 'Unnamed', b.patient_id && `ID ${b.patient_id}`, b.patient_sex, b.patient_birth_date && `born ${formatDate(b.patient_birth_date)}`,
    b.study_date && `study ${formatDate(b.study_date)}`, b.modality, b.description].filter(Boolean).join(' · ');
  $('warnings').innerHTML = [...(entry.warnings || []), ...(a.warnings || [])].filter((w, i, all) => all.indexOf(w) === i).map(w => `<li>${esc(w)}</li>`).join('');
  const s = a.summary;
  $('status').textContent = `Soft-tissue calcification ${(s.soft_tissue_volume_mm3 / 1000).toFixed(2)} mL, right/left ${s.right_left_ratio ?? 'n/a'}, dominant pattern ${s.dominant_pattern}.`;
  showLesions(a.lesions);
  await Promise.all([showImages(), showHistory(), openViewer(a)]);
  downloads();
  refreshStudies();
  await rerank();
}

function showLesions(lesions) {
  $('lesions').innerHTML = '<tr><th>#</th><th>Region</th><th>Side</th><th>Compartment</th><th>Pattern</th><th>mm³</th><th>Depth mm</th></tr>' +
    lesions.map(l => `<tr data-id="${l.id}" tabindex="0"><td>${l.id}</td><td>${esc(l.region)}</td><td>${esc(l.side)}</td><td>${esc(l.compartment)}</td><td>${esc(l.pattern)}</td>` +
      `<td>${l.volume_mm3.toFixed(0)}</td><td>${l.depth_mm ?? ''}</td></tr>`).join('');
  document.querySelectorAll('#lesions tr[data-id]').forEach(tr => {
    const go = () => { const l = lesions.find(x => String(x.id) === tr.dataset.id); if (l && viewer) { viewer.goToLps(l.centroid_mm); highlight(l.id); } };
    tr.onclick = go; tr.onkeydown = e => { if (e.key === 'Enter') go(); };
  });
}

function highlight(id) {
  document.querySelectorAll('#lesions tr.current').forEach(tr => tr.classList.remove('current'));
  const tr = document.querySelector(`#lesions tr[data-id="${id}"]`);
  if (tr) { tr.classList.add('current'); tr.scrollIntoView({ block: 'nearest' }); }
}

async function showImages() {
  const names = await api(`/api/studies/${studyId}/images`);
  // Slice order from the server; the MIPs and the trend chart after the slices.
  const rank = n => n.startsWith('axial') ? 0 : n.startsWith('mip') ? 1 : 2;
  const ordered = [...names].sort((x, y) => rank(x) - rank(y));
  $('images').innerHTML = ordered.map(n => `<figure><img class="key" alt="key image ${esc(n)}" src="/api/studies/${studyId}/images/${encodeURIComponent(n)}"><figcaption>${esc(n.replace('.png', '').replace(/_/g, ' '))}</figcaption></figure>`).join('');
}

async function showHistory() {
  const h = await api(`/api/studies/${studyId}/history`);
  $('history').innerHTML = h.length > 1 ? '<p class="muted">Studies of this patient: ' + h.map(x => `${esc(formatDate(x.study_date))} ${Math.round(x.soft_tissue_mm3 ?? 0)} mm³`).join(' → ') + '</p>' : '';
}

function downloads() {
  const files = [['report.pdf', 'PDF'], ['report.html', 'HTML'], ['report.fhir.json', 'FHIR'], ['report.seg.dcm', 'DICOM SEG'], ['report.sr.dcm', 'DICOM SR']];
  $('downloads').innerHTML = 'Download: ' + files.map(([f, l]) => `<a href="/api/studies/${studyId}/report/${f}" download>${l}</a>`).join(' · ');
}

// ---- viewer ----
function viewerModule() {
  return window.CalciScopeViewer ? Promise.resolve(window.CalciScopeViewer)
    : new Promise(r => window.addEventListener('calciscope:viewer-loaded', () => r(window.CalciScopeViewer), { once: true }));
}

async function openViewer(a) {
  const V = await viewerModule();
  $('viewer-box').hidden = false; $('viewer-tools').hidden = false; $('overlay').hidden = false;
  if (!viewer) {
    viewer = V.create($('viewer'));
    window.calciscopeViewer = viewer; // read back by the browser tests
    $('overlay-toggles').innerHTML = V.LABELS.map(([v, name, rgb]) =>
      `<label><input type="checkbox" data-label="${v}" ${viewer.visible.has(v) ? 'checked' : ''}><span class="swatch" data-rgb="${rgb.join(',')}"></span>${esc(name.replace('_', ' '))}</label>`).join('');
    // Colours set from script, not inline style attributes (the page's CSP forbids those).
    document.querySelectorAll('#overlay-toggles .swatch').forEach(s => { s.style.background = `rgb(${s.dataset.rgb})`; });
    document.querySelectorAll('#overlay-toggles input').forEach(c => c.onchange = () => viewer.toggleLabel(Number(c.dataset.label), c.checked));
    $('opacity').oninput = () => viewer.setOpacity(Number($('opacity').value));
    document.querySelectorAll('[data-view]').forEach(b => b.onclick = () => { viewer.setSliceType(b.dataset.view); press('[data-view]', b); });
    document.querySelectorAll('[data-preset]').forEach(b => b.onclick = () => { viewer.setPreset(b.dataset.preset); press('[data-preset]', b); });
    $('drag-mode').onchange = () => viewer.setDragMode($('drag-mode').value);
    $('zoom-in').onclick = () => viewer.zoom(1.25); $('zoom-out').onclick = () => viewer.zoom(0.8);
    $('slice-prev').onclick = () => viewer.step(1); $('slice-next').onclick = () => viewer.step(-1);
    $('viewer').addEventListener('calciscope:location', e => {
      const { lps, hu, label, lesion } = e.detail;
      const name = V.LABELS.find(([v]) => v === label)?.[1];
      $('probe').textContent = `x ${lps[0].toFixed(1)}  y ${lps[1].toFixed(1)}  z ${lps[2].toFixed(1)} mm (LPS)` + (hu === undefined ? '' : `   ${Math.round(hu)} HU`) + (name ? `   ${name}` : '') + (lesion ? `   lesion ${lesion.id}` : '');
      if (lesion) highlight(lesion.id);
    });
  }
  // The overlay is the report's DICOM SEG, read in the page: what the PACS receives is what is shown.
  await viewer.open(`/api/studies/${studyId}/volumes/volume.nii.gz`, `/api/studies/${studyId}/report/report.seg.dcm`, a.lesions);
  press('[data-view]', document.querySelector('[data-view=axial]'));
  press('[data-preset]', document.querySelector('[data-preset=soft]'));
  const biggest = [...a.lesions].filter(l => l.compartment !== 'vascular').sort((x, y) => y.volume_mm3 - x.volume_mm3)[0];
  if (biggest) { viewer.goToLps(biggest.centroid_mm); highlight(biggest.id); }
}

function press(selector, button) { document.querySelectorAll(selector).forEach(b => b.setAttribute('aria-pressed', String(b === button))); }

// ---- differential ----
let timer = null;
function scheduleRerank() { clearTimeout(timer); timer = setTimeout(rerank, 300); }
document.querySelectorAll('#checks input').forEach(c => c.onchange = scheduleRerank);
$('text').oninput = scheduleRerank;
let rerankSeq = 0;

async function rerank() {
  const present = [...document.querySelectorAll('#checks input:checked')].map(c => c.value);
  const body = {};
  if ($('text').value.trim()) body.text = $('text').value;
  if (studyId) body.study_id = studyId;
  if (present.length) body.case = { present };
  if (!studyId && !present.length && !body.text) { $('differential').innerHTML = ''; return; }
  const seq = ++rerankSeq;
  try {
    const d = await api('/api/diagnose', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (seq !== rerankSeq) return; // an older answer arriving late never overwrites a newer one
    const evidence = list => list.slice(0, 3).map(e => `<span title="${esc(e.citation)}" class="${e.present ? '' : 'absent'}">${e.present ? '' : 'no '}${esc(e.label)}</span>`).join('<br>');
    $('differential').innerHTML = '<tr><th>#</th><th>Condition</th><th>P</th><th>For</th><th>Against</th></tr>' + d.differential.slice(0, 7).map((r, i) =>
      `<tr data-id="${esc(r.id)}"><td>${i + 1}</td><td>${esc(r.name)}</td><td class="prob">${(r.probability * 100).toFixed(1)} %</td><td>${evidence(r.for)}</td><td>${evidence(r.against)}</td></tr>`).join('');
    $('conflicts').innerHTML = (d.conflicts || []).map(c => `<li>${esc(c)}</li>`).join('');
    $('next').innerHTML = d.next_best.slice(0, 3).map(n => `<p class="muted">Next best: <b>${esc(n.test)}</b> (${n.gain_bits.toFixed(2)} bits): ${esc(n.why)}</p>`).join('');
  } catch (e) {
    if (seq === rerankSeq) $('differential').innerHTML = `<tr><td class="error">${esc(e.message)}</td></tr>`;
  }
}

// ---- PACS ----
async function loadPacs() {
  let list;
  try { list = await api('/api/pacs/studies'); }
  catch (e) {
    if (e.status === 404) return; // no PACS configured
    $('pacs').hidden = false; $('pacs-error').textContent = e.message; return;
  }
  $('pacs').hidden = false; $('pacs-error').textContent = '';
  if (!Array.isArray(list) || !list.length) { $('pacs-table').innerHTML = '<tr><td class="muted">No studies in the PACS.</td></tr>'; return; }
  $('pacs-table').innerHTML = list.map(s => {
    const uid = s['0020000D']?.Value?.[0];
    const who = s['00100010']?.Value?.[0]?.Alphabetic || s['00100020']?.Value?.[0] || '';
    return `<tr><td>${esc(who)}</td><td>${esc(formatDate(s['00080020']?.Value?.[0]))}</td><td>${esc(s['00081030']?.Value?.[0])}</td><td><button type="button" data-uid="${esc(uid)}">Analyse</button></td></tr>`;
  }).join('');
  document.querySelectorAll('#pacs-table button').forEach(b => b.onclick = async () => {
    $('pacs-error').textContent = 'Fetching from the PACS...';
    try { const started = await api('/api/pacs/studies/' + encodeURIComponent(b.dataset.uid), { method: 'POST' }); $('pacs-error').textContent = ''; follow(started); }
    catch (e) { $('pacs-error').textContent = e.message; }
  });
}

async function start() {
  try { await refreshStudies(); } catch (e) { if (e.status === 401) return; throw e; }
  loadPacs();
}
start();
