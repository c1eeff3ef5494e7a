// The auditors' page: reads the case API as the signed-in user (page.js: credentials in memory only, values rendered
// as text).
'use strict';

const FORBIDDEN = 'This user may not read cases (not in a runbook group).';

const state = { user: null, page: 0, size: 25, total: 0, caseId: null, caseKey: null, listRequest: 0 };

async function api(path, accept) {
  return request('GET', path, undefined, accept);
}

async function signIn(event) {
  event.preventDefault();
  const user = $('user').value.trim();
  const password = $('password').value;
  signInAs(user, password);
  $('password').value = '';
  const response = await api('/api/cases?size=1');
  if (!response.ok) {
    forgetSignIn();
    $('signInError').textContent = await problem(response, FORBIDDEN);
    return;
  }
  state.user = user;
  $('signInError').textContent = '';
  $('who').textContent = 'Signed in as ' + user;
  $('signOut').hidden = false;
  $('signIn').hidden = true;
  $('list').hidden = false;
  state.page = 0;
  await loadTenants();
  await loadCases();
}

// A provider's staff serve many customers: the filter offers the ones this person serves, by name.
async function loadTenants() {
  const select = $('tenant');
  select.replaceChildren(select.options[0]);
  const response = await api('/api/tenants');
  const tenants = response.ok ? await response.json() : [];
  for (const tenant of tenants) {
    const option = document.createElement('option');
    option.value = tenant.key;
    option.textContent = tenant.name;
    select.append(option);
  }
  $('tenantFilter').hidden = tenants.length < 2;
}

function signOut() {
  forgetSignIn();
  state.user = null;
  $('who').textContent = '';
  $('signOut').hidden = true;
  $('list').hidden = true;
  $('detail').hidden = true;
  $('signIn').hidden = false;
}

function query() {
  const params = new URLSearchParams();
  for (const id of ['tenant', 'state', 'type', 'outcome', 'repeat']) {
    if ($(id).value) {
      params.set(id, $(id).value);
    }
  }
  if ($('entity').value.trim()) {
    params.set('entity', $('entity').value.trim());
  }
  if ($('person').value.trim()) {
    params.set('person', $('person').value.trim());
  }
  if ($('from').value) {
    params.set('from', $('from').value + 'T00:00:00Z');
  }
  if ($('to').value) {
    params.set('to', $('to').value + 'T23:59:59Z');
  }
  params.set('page', state.page);
  params.set('size', state.size);
  return params.toString();
}

async function loadCases() {
  // Only the latest request draws the list: an older answer arriving late must not replace a newer filter's.
  const request = ++state.listRequest;
  const response = await api('/api/cases?' + query());
  if (request !== state.listRequest) {
    return;
  }
  const body = $('cases').querySelector('tbody');
  body.replaceChildren();
  if (!response.ok) {
    $('listError').textContent = await problem(response, FORBIDDEN);
    return;
  }
  $('listError').textContent = '';
  const page = await response.json();
  if (request !== state.listRequest) {
    return;
  }
  state.total = page.total;
  for (const c of page.cases) {
    const row = document.createElement('tr');
    row.className = 'case';
    row.dataset.id = c.id;
    cell(row, c.entity);
    cell(row, c.entityName);
    cell(row, c.entityType);
    cell(row, c.state);
    cell(row, OUTCOMES[c.outcome] || c.outcome);
    cell(row, c.repeat ? 'yes' : '');
    cell(row, when(c.opened));
    cell(row, when(c.closed));
    cell(row, person(c, c.reviewedBy));
    cell(row, person(c, c.approvedBy));
    cell(row, person(c, c.decidedBy));
    cell(row, when(c.decidedAt));
    row.addEventListener('click', () => openCase(c.id));
    body.appendChild(row);
  }
  const pages = Math.max(1, Math.ceil(state.total / state.size));
  $('pageInfo').textContent = 'Page ' + (state.page + 1) + ' of ' + pages + ' (' + state.total + ' cases)';
  $('previous').disabled = state.page === 0;
  $('next').disabled = state.page + 1 >= pages;
}

// How each case ended, in words (the API keeps its codes for scripts).
const OUTCOMES = {
  releasedAndVerified: 'Released and verified',
  keptRestricted: 'Kept restricted',
  alreadyReleased: 'Already released',
  keptRestrictedAfterEscalation: 'Kept restricted after an escalation',
  closedAfterEscalation: 'Closed after an escalation',
  dryRunComplete: 'Dry run complete'
};

// One precision for every time shown: UTC to the millisecond.
function when(value) {
  if (!value) {
    return '';
  }
  const date = new Date(value);
  return isNaN(date) ? text(value) : date.toISOString().replace('T', ' ').replace('Z', '');
}

// "7 min 48 s" for a number of seconds.
function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return '';
  }
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return h > 0 ? h + ' h ' + m + ' min' : (m > 0 ? m + ' min ' + rest + ' s' : rest + ' s');
}

// The time between two instants, in words; '' when either is missing.
function between(from, to) {
  if (!from || !to) {
    return '';
  }
  return duration((new Date(to) - new Date(from)) / 1000);
}

// A person by name with their id, as the case recorded them.
function person(summary, id) {
  return id ? ((summary.people && summary.people[id]) || id) : '';
}

const LABELS = [
  ['businessKey', 'Case', (s) => s.businessKey],
  ['entityName', 'Name', (s) => s.entityName],
  ['state', 'State', (s) => s.state],
  ['outcome', 'Outcome', (s) => OUTCOMES[s.outcome] || s.outcome],
  ['repeat', 'Repeat', (s) => s.repeat ? 'yes' : 'no'],
  ['opened', 'Opened (UTC)', (s) => when(s.opened)],
  ['closed', 'Closed (UTC)', (s) => when(s.closed)],
  ['reviewedBy', 'Reviewed by', (s) => person(s, s.reviewedBy)],
  ['approvedBy', 'Approved by', (s) => person(s, s.approvedBy)],
  ['decidedBy', 'Decided by', (s) => person(s, s.decidedBy)],
  ['decidedAt', 'Decided (UTC)', (s) => when(s.decidedAt)],
  ['unblockedAt', 'Unblock requested (UTC)', (s) => when(s.unblockedAt)],
  ['releasedAt', 'Release seen (UTC)', (s) => when(s.releasedAt)],
  ['unblockToRelease', 'From the unblock to the release (Microsoft)', (s) => duration(s.secondsFromUnblockToRelease)],
  ['minutesToRelease', 'From opening to the release', (s) => between(s.opened, s.releasedAt)],
  ['minutesOpen', 'Open for', (s) => between(s.opened, s.closed) || (s.minutesOpen === null ? '' : duration(s.minutesOpen * 60))],
  ['escalations', 'Escalations', (s) => s.escalations]];

async function openCase(id) {
  const summaryResponse = await api('/api/cases/' + encodeURIComponent(id));
  if (!summaryResponse.ok) {
    $('listError').textContent = await problem(summaryResponse, FORBIDDEN);
    return;
  }
  const summary = await summaryResponse.json();
  const auditResponse = await api('/api/cases/' + encodeURIComponent(id) + '/audit?format=json');
  if (!auditResponse.ok) {
    $('listError').textContent = await problem(auditResponse, FORBIDDEN);
    return;
  }
  const audit = await auditResponse.json();
  state.caseId = id;
  state.caseKey = summary.businessKey;
  $('caseTitle').textContent = text(summary.entityType) + ' ' + (summary.entityName
    ? text(summary.entityName) + ' (' + text(summary.entity) + ')' : text(summary.entity));
  const list = $('summary');
  list.replaceChildren();
  for (const [key, label, value] of LABELS) {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.id = 'summary-' + key;
    dd.textContent = text(value(summary));
    list.append(dt, dd);
  }
  const body = $('timeline').querySelector('tbody');
  body.replaceChildren();
  for (const entry of audit.timeline) {
    const row = document.createElement('tr');
    cell(row, when(entry.at));
    cell(row, entry.kind);
    cell(row, entry.stepName || entry.step);
    cell(row, entry.actor === 'runbook' ? 'the runbook' : person(summary, entry.actor));
    cell(row, entry.summary, 'summary');
    body.appendChild(row);
  }
  $('exportHash').textContent = '';
  $('list').hidden = true;
  $('detail').hidden = false;
  await drawDiagrams(id);
}

const MODELS = {
  'restricted-user-remediation': 'The mailbox runbook',
  'restricted-connector-remediation': 'The connector runbook',
  'verify-release': 'The verification it called'
};

// The case's diagrams (the version it ran) with its path: bpmn-js draws the model, markers colour the steps.
async function drawDiagrams(id) {
  const holder = $('diagrams');
  holder.replaceChildren();
  $('diagramError').textContent = '';
  const response = await api('/api/cases/' + encodeURIComponent(id) + '/diagram');
  if (!response.ok) {
    $('diagramError').textContent = await problem(response, FORBIDDEN);
    return;
  }
  const answer = await response.json();
  for (const diagram of answer.diagrams) {
    const title = document.createElement('h4');
    title.className = 'diagram-title';
    title.textContent = (MODELS[diagram.model] || diagram.model) + ' (version ' + text(diagram.version) + ')';
    const box = document.createElement('div');
    box.className = 'diagram';
    box.dataset.model = diagram.model;
    holder.append(title, box);
    const viewer = new BpmnJS({ container: box });
    try {
      await viewer.importXML(diagram.xml);
    } catch (e) {
      $('diagramError').textContent = 'The diagram could not be drawn: ' + text(e.message);
      continue;
    }
    const canvas = viewer.get('canvas');
    const elements = viewer.get('elementRegistry');
    const mark = (ids, marker) => ids.filter((element) => elements.get(element))
      .forEach((element) => canvas.addMarker(element, marker));
    mark(diagram.flows, 'taken');
    mark(diagram.done, 'done');
    mark(diagram.waiting, 'waiting');
    mark(diagram.escalated, 'escalated');
    canvas.zoom('fit-viewport');
    box.dataset.drawn = 'true';
  }
}

async function exportCase(format) {
  const response = await api('/api/cases/' + encodeURIComponent(state.caseId) + '/audit?format=' + format,
    format === 'csv' ? 'text/csv' : 'application/json');
  if (!response.ok) {
    $('exportHash').textContent = await problem(response, FORBIDDEN);
    return;
  }
  const hash = response.headers.get('X-Content-SHA256');
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = 'case-' + text(state.caseKey).replace(/[^A-Za-z0-9.@-]/g, '_') + '-audit.' + format;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  $('exportHash').textContent = format.toUpperCase() + ' downloaded; SHA-256 ' + text(hash);
}

$('signInForm').addEventListener('submit', signIn);
$('signOut').addEventListener('click', signOut);
$('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  state.page = 0;
  loadCases();
});
$('previous').addEventListener('click', () => { state.page -= 1; loadCases(); });
$('next').addEventListener('click', () => { state.page += 1; loadCases(); });
$('back').addEventListener('click', () => {
  $('detail').hidden = true;
  $('list').hidden = false;
  loadCases();
});
$('exportJson').addEventListener('click', () => exportCase('json'));
$('exportCsv').addEventListener('click', () => exportCase('csv'));
