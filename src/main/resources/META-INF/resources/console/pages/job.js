// One recall job: its progress while it runs, confirm or cancel, and its items by outcome.

import { api, download, query } from '../lib/api.js';
import { guarded, showError } from '../lib/errors.js';
import { byId, finalJobStates, viewer } from '../lib/page.js';
import { pagedTable, tableRow } from '../lib/table.js';
import { describeFilter, duration, localTime } from '../lib/time.js';

const id = byId('job').dataset.jobId;
const confirm = byId('job-confirm');
const cancel = byId('job-cancel');
const retry = byId('job-retry');
const outcomeFilter = byId('item-outcome');
/** The outcomes the filter offers, from ItemOutcome. */
const outcomes = [...outcomeFilter.options].map((option) => option.value).filter((value) => value);
let timer = null;
let lastState = null;

const loadItems = pagedTable({
  tbody: document.querySelector('#item-table tbody'),
  more: byId('items-next'),
  fetchPage: (cursor) => api('GET', `/api/recall-jobs/${id}/items?${query({ outcome: outcomeFilter.value, limit: 100,
    cursor })}`),
  cells: (item) => [localTime(item.msgTime), item.from, recipient(item), { text: identity(item), className: 'key' },
    { text: item.outcome, className: `outcome ${item.outcome}` }, item.attempts,
    [item.lastErrorCode, item.lastErrorInfo].filter((x) => x !== null && x !== undefined).join(' '),
    localTime(item.confirmedAt)],
});

function show(job) {
  const done = job.total - job.counts.PENDING;
  byId('job-state').textContent = job.state;
  byId('job-pause-reason').textContent = job.pauseReason ? `— ${job.pauseReason}` : '';
  const progress = byId('job-progress');
  if (job.state === 'FREEZING') {
    // how many will be frozen is known only at the end: an indeterminate bar and the count so far
    progress.removeAttribute('value');
    byId('job-progress-text').textContent = `Freezing the selection: ${job.frozen} messages so far`;
  } else {
    progress.max = job.total;
    progress.value = done;
    byId('job-progress-text').textContent =
      `${done} of ${job.total} done (${Math.floor((100 * done) / job.total)} %)`;
  }
  byId('job-callback-marked').textContent = `${job.alreadyRecalledByCallback} recalled, `
    + `${job.undeliveredByCallback} undelivered (sent to Tencent all the same)`;
  byId('job-rate').textContent =
    `${job.currentRate.toFixed(1)} per second (limit ${job.rateLimit}, shared by running jobs)`;
  byId('job-remaining').textContent = job.state === 'RUNNING' ? duration(job.estimatedSecondsRemaining) : '—';
  byId('job-reason').textContent = job.reason;
  byId('job-reference').textContent = job.reference || '';
  byId('job-note').textContent = job.note || '';
  byId('job-filter').textContent = describeFilter(job.filter);
  byId('job-created').textContent = `${localTime(job.createdAt)} by ${job.createdBy}`;
  byId('job-confirmed').textContent = job.confirmedAt ? `${localTime(job.confirmedAt)} by ${job.confirmedBy}` : '';
  byId('job-cancelled').textContent = job.cancelledAt ? `${localTime(job.cancelledAt)} by ${job.cancelledBy}` : '';
  byId('job-completed').textContent = localTime(job.completedAt);
  document.querySelector('#job-counts tbody').replaceChildren(...outcomes.map((outcome) => {
    const row = tableRow([job.counts[outcome]]);
    row.cells[0].id = `count-${outcome}`;
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = outcome;
    row.prepend(th);
    return row;
  }));
  const waiting = job.state === 'AWAITING_CONFIRMATION' || job.state === 'PAUSED';
  const approval = byId('job-approval');
  const blockedByFourEyes = job.state === 'AWAITING_CONFIRMATION' && job.approval.secondApproverRequired
    && job.approval.notBy === viewer.name;
  approval.hidden = !(job.state === 'AWAITING_CONFIRMATION' && job.approval.secondApproverRequired);
  approval.textContent = `Waiting for a second approver: any moderator except ${job.approval.notBy} may `
    + `confirm (more than ${job.approval.threshold} messages`
    + (job.approval.confirmedAloneInWindow > 0
      ? `, with the ${job.approval.confirmedAloneInWindow} of ${job.approval.notBy}'s recent jobs confirmed alone).`
      : ').');
  confirm.hidden = !(viewer.moderator && waiting && !blockedByFourEyes);
  confirm.textContent = job.state === 'PAUSED' ? 'Resume' : 'Confirm and start';
  cancel.hidden = !(viewer.moderator && !finalJobStates.includes(job.state));
  retry.hidden = !(viewer.moderator && job.state === 'COMPLETED' && job.counts.FAILED > 0);
  retry.textContent = `Retry ${job.counts.FAILED} failed messages`;
}

async function refresh() {
  const job = await api('GET', `/api/recall-jobs/${id}`);
  show(job);
  if (job.state !== lastState) {
    lastState = job.state;
    await loadItems(false);
  }
  return job;
}

async function poll() {
  try {
    const job = await refresh();
    // a cancelled job still has calls in flight: they finish and are recorded, so keep watching until they have
    if (!finalJobStates.includes(job.state) || job.counts.PENDING > 0) {
      timer = setTimeout(poll, 1000);
    } else {
      await loadItems(false);
    }
  } catch (error) {
    showError(error);
    timer = setTimeout(poll, 5000);
  }
}

confirm.addEventListener('click', guarded(async () => {
  await api('POST', `/api/recall-jobs/${id}/confirm`);
  clearTimeout(timer);
  await poll();
}));
cancel.addEventListener('click', guarded(async () => {
  if (!window.confirm('Cancel this job? Messages not yet recalled will be skipped.')) {
    return;
  }
  await api('POST', `/api/recall-jobs/${id}/cancel`);
  clearTimeout(timer);
  await poll();
}));
retry.addEventListener('click', guarded(async () => {
  await api('POST', `/api/recall-jobs/${id}/retry`);
  clearTimeout(timer);
  await poll();
}));
outcomeFilter.addEventListener('change', guarded(() => loadItems(false)));
byId('items-csv').addEventListener('click', guarded(() => download(
  `/api/recall-jobs/${id}/items?${query({ outcome: outcomeFilter.value })}`, `recall-job-${id}-items.csv`)));
poll();

// a group item names its group (and topic) where a one-to-one item names its recipient, and its MsgSeq for its MsgKey
function recipient(item) {
  return item.chat === 'group' ? `group ${item.groupId}${item.topicId ? ` / ${item.topicId}` : ''}` : item.to;
}

function identity(item) {
  return item.chat === 'group' ? `MsgSeq ${item.msgSeq}` : item.msgKey;
}
