// CalciScope page: upload, follow the job, show lesions and key images, re-rank the differential as the clinical picture changes.
const token = new URLSearchParams(location.hash.slice(1)).get('token');
const auth = token ? { Authorization: 'Bearer ' + token } : {};
const $ = id => document.getElementById(id);
let studyId = null;
const common = [['sle', 'SLE'], ['butterfly_rash', 'Butterfly rash'], ['hard_nodules', 'Hard nodules'], ['sinus_discharge', 'Sinus tract / discharge'],
  ['scleroderma', 'Systemic sclerosis'], ['raynaud', 'Raynaud'], ['dermatomyositis', 'Dermatomyositis'], ['proximal_weakness', 'Proximal weakness'],
  ['ckd_dialysis', 'CKD / dialysis'], ['trauma_local', 'Trauma at the site'], ['im_injections', 'Injections at the site'],
  ['varicose_veins', 'Varicose veins'], ['endemic_pork', 'Pork tapeworm area'], ['great_toe_malformation', 'Malformed great toes']];
$('checks').innerHTML = common.map(([id, label]) => `<label><input type="checkbox" value="${id}" aria-label="${label}"> ${label}</label>`).join('');
const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));

async function api(path, opts = {}) {
  const r = await fetch(path, { ...opts, headers: { ...(opts.headers || {}), ...auth } });
  const body = r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

$('send').onclick = async () => {
  const files = $('files').files;
  if (!files.length) return;
  const form = new FormData();
  for (const f of files) form.append('files', f, f.name);
  $('status').textContent = 'Uploading...';
  try { follow(await api('/api/studies', { method: 'POST', body: form })); }
  catch (e) { $('status').innerHTML = `<span class="error">${esc(e.message)}</span>`; }
};

async function follow(started) {
  $('progress').hidden = false;
  for (;;) {
    const j = await api('/api/jobs/' + started.job_id);
    $('progress').value = j.progress;
    $('status').textContent = `Analysis ${j.state} (${Math.round(j.progress * 100)} %)`;
    if (j.state === 'failed') { $('status').innerHTML = `<span class="error">${esc(j.error)}</span>`; return; }
    if (j.state === 'done') break;
    await new Promise(r => setTimeout(r, 500));
  }
  studyId = started.study_id;
  await showStudy();
  await rerank();
}

async function showStudy() {
  const a = await api(`/api/studies/${studyId}/analysis`);
  const s = a.summary;
  $('status').textContent = `Soft-tissue calcification ${(s.soft_tissue_volume_mm3 / 1000).toFixed(1)} mL, right/left ${s.right_left_ratio ?? 'n/a'}, dominant pattern ${s.dominant_pattern}.`;
  $('lesions').innerHTML = '<tr><th>#</th><th>Region</th><th>Side</th><th>Compartment</th><th>Pattern</th><th>mm³</th><th>Depth mm</th></tr>' +
    a.lesions.slice(0, 25).map(l => `<tr><td>${l.id}</td><td>${esc(l.region)}</td><td>${esc(l.side)}</td><td>${esc(l.compartment)}</td><td>${esc(l.pattern)}</td><td>${l.volume_mm3.toFixed(0)}</td><td>${l.depth_mm}</td></tr>`).join('');
  const images = await api(`/api/studies/${studyId}/images`);
  $('images').innerHTML = images.filter(n => n.startsWith('axial') || n.startsWith('mip_coronal')).slice(0, 2)
    .map(n => `<img class="key" alt="key image ${esc(n)}" src="${imageUrl(n)}">`).join('');
  downloads();
  const h = await api(`/api/studies/${studyId}/history`);
  $('history').innerHTML = h.length > 1 ? '<p class="muted">Earlier studies: ' + h.map(x => `${esc(x.studyDate)} ${Math.round(x.softTissueMm3)} mm³`).join(' → ') + '</p>' +
    (images.includes('trend.png') ? `<img class="key" alt="progression chart" src="${imageUrl('trend.png')}">` : '') : '';
}

const tokenQuery = token ? '?access_token=' + encodeURIComponent(token) : '';
function imageUrl(n) { return `/api/studies/${studyId}/images/${n}` + tokenQuery; }

function downloads() {
  const files = [['report.pdf', 'PDF'], ['report.html', 'HTML'], ['report.fhir.json', 'FHIR'], ['report.seg.dcm', 'DICOM SEG'], ['report.sr.dcm', 'DICOM SR']];
  $('downloads').innerHTML = 'Download: ' + files.map(([f, l]) => `<a href="/api/studies/${studyId}/report/${f}${tokenQuery}" download>${l}</a>`).join(' · ');
}

let timer = null;
function scheduleRerank() { clearTimeout(timer); timer = setTimeout(rerank, 300); }
document.querySelectorAll('#checks input').forEach(c => c.onchange = scheduleRerank);
$('text').oninput = scheduleRerank;

async function rerank() {
  const present = [...document.querySelectorAll('#checks input:checked')].map(c => c.value);
  const body = { text: $('text').value };
  if (studyId) body.study_id = studyId;
  if (present.length) body.case = { present };
  if (!studyId && !present.length && !body.text) { $('differential').innerHTML = ''; return; }
  try {
    const d = await api('/api/diagnose', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    $('differential').innerHTML = '<tr><th>#</th><th>Condition</th><th>P</th><th>For</th><th>Against</th></tr>' + d.differential.slice(0, 7).map((r, i) =>
      `<tr data-id="${esc(r.id)}"><td>${i + 1}</td><td>${esc(r.name)}</td><td class="prob">${(r.probability * 100).toFixed(1)} %</td>` +
      `<td>${r.for.slice(0, 3).map(e => `<span title="${esc(e.citation)}">${e.present ? '' : 'no '}${esc(e.label)}</span>`).join('<br>')}</td>` +
      `<td>${r.against.slice(0, 3).map(e => `<span title="${esc(e.citation)}">${e.present ? '' : 'no '}${esc(e.label)}</span>`).join('<br>')}</td></tr>`).join('');
    $('next').innerHTML = d.next_best.slice(0, 3).map(n => `<p class="muted">Next best: <b>${esc(n.test)}</b> (${n.gain_bits.toFixed(2)} bits): ${esc(n.why)}</p>`).join('');
    if (studyId) downloads();
  } catch (e) { $('differential').innerHTML = `<tr><td class="error">${esc(e.message)}</td></tr>`; }
}

api('/api/pacs/studies').then(list => {
  if (!Array.isArray(list) || !list.length) return;
  $('pacs').hidden = false;
  $('pacs-table').innerHTML = list.map(s => {
    const uid = s['0020000D']?.Value?.[0];
    return `<tr><td>${esc(s['00080020']?.Value?.[0])}</td><td>${esc(s['00081030']?.Value?.[0])}</td><td><button data-uid="${esc(uid)}">Analyse</button></td></tr>`;
  }).join('');
  document.querySelectorAll('#pacs-table button').forEach(b => b.onclick = async () => follow(await api('/api/pacs/studies/' + encodeURIComponent(b.dataset.uid), { method: 'POST' })));
}).catch(() => {});
