// Legal holds, retention, and data-subject export and erasure.

import { api, download, query } from '../lib/api.js';
import { guarded } from '../lib/errors.js';
import { byId } from '../lib/page.js';
import { pagedTable } from '../lib/table.js';
import { localTime } from '../lib/time.js';

const dialog = byId('erase-dialog');
let subject = null;

function releaseButton(hold) {
  if (!hold.active) {
    return '';
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Release';
  button.className = 'release-hold';
  button.dataset.hold = hold.id;
  button.addEventListener('click', guarded(async () => {
    await api('POST', `/api/legal-holds/${hold.id}/release`);
    await loadHolds(false);
  }));
  return button;
}

const loadHolds = pagedTable({
  tbody: document.querySelector('#holds-table tbody'),
  more: byId('holds-next'),
  fetchPage: (cursor) => api('GET', `/api/legal-holds?${query({ limit: 50, cursor })}`),
  cells: (hold) => [`#${hold.id}`, hold.user, hold.reason, hold.reference, localTime(hold.createdAt),
    hold.active ? 'active' : `released by ${hold.releasedBy} ${localTime(hold.releasedAt)}`, releaseButton(hold)],
});

function removed(run) {
  if (!run.removed) {
    return 'nothing';
  }
  const r = run.removed;
  const messages = r.messages === undefined ? ''
    : `${r.messages} message records (${r.partitions} day partitions, ${r.keptForHold} kept for legal holds), `;
  return `${messages}${r.recallJobs} recall jobs, ${r.recallItems} items`;
}

async function loadRetention() {
  const status = await api('GET', '/api/retention');
  const last = status.lastRun
    ? `Last run ${localTime(status.lastRun.at)} by ${status.lastRun.actor}: removed ${removed(status.lastRun)}.`
    : 'No run yet.';
  const next = status.nextRun ? ` Next run ${localTime(status.nextRun)}.` : ' No run is scheduled.';
  byId('retention-status').textContent = `Message records are kept for ${status.messages}. Finished recall jobs are kept for ${status.recallJobs}. ${last}${next}`;
}

async function lookUp() {
  subject = await api('GET', `/api/subjects/${encodeURIComponent(byId('subject-user').value.trim())}`);
  const holds = subject.activeHolds.length
    ? ` Under legal hold (${subject.activeHolds.map((id) => `#${id}`).join(', ')}).` : '';
  byId('subject-summary').textContent = `${subject.user}: ${subject.messages} message records.${holds}`;
  byId('subject-result').hidden = false;
}

byId('hold-form').addEventListener('submit', guarded(async () => {
  await api('POST', '/api/legal-holds', {
    user: byId('hold-user').value, reason: byId('hold-reason').value, reference: byId('hold-reference').value,
  });
  byId('hold-form').reset();
  await loadHolds(false);
}));
byId('retention-run').addEventListener('click', guarded(async () => {
  await api('POST', '/api/retention/run');
  await loadRetention();
}));
byId('subject-form').addEventListener('submit', guarded(lookUp));
byId('subject-csv').addEventListener('click', guarded(() => download(
  `/api/subjects/${encodeURIComponent(subject.user)}/messages`, `subject-${subject.user}-messages.csv`)));
byId('subject-erase').addEventListener('click', guarded(async () => {
  await lookUp();
  byId('erase-question').textContent = `Erase the ${subject.messages} message records of ${subject.user}? `
    + 'This cannot be undone.';
  dialog.showModal();
}));
dialog.querySelectorAll('.close-dialog').forEach((button) => button.addEventListener('click', () => dialog.close()));
byId('erase-form').addEventListener('submit', guarded(async () => {
  const result = await api('POST', `/api/subjects/${encodeURIComponent(subject.user)}/erase`, {
    reason: byId('erase-reason').value, reference: byId('erase-reference').value,
  });
  dialog.close();
  await lookUp();
  byId('subject-summary').textContent = `Erased ${result.messages} message records of ${result.user}.`;
}));

guarded(async () => {
  await loadHolds(false);
  await loadRetention();
})();
