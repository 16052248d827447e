// Search messages, then freeze what was found into a recall job, preview it and confirm it.

import { api, query } from '../lib/api.js';
import { clearError, guarded } from '../lib/errors.js';
import { clearGaps, showGaps } from '../lib/gaps.js';
import { byId, viewer } from '../lib/page.js';
import { fillRows, pagedTable } from '../lib/table.js';
import { duration, instantOf, localTime } from '../lib/time.js';

const results = byId('results');
const tbody = document.querySelector('#result-table tbody');
const recall = byId('recall-button');
const dialog = byId('recall-dialog');
let current = null;
let job = null;

function filter() {
  const value = (id) => byId(id).value;
  return {
    from: value('from'), to: value('to'), user: value('user'), peer: value('peer'),
    since: instantOf(byId('since')), until: instantOf(byId('until')), state: value('state'),
    chat: value('chat'), group: value('group'),
  };
}

/** A group message's group, with its community topic if it has one. */
function groupOf(item) {
  if (item.chat !== 'group') {
    return '';
  }
  return item.topicId ? `${item.groupId} / ${item.topicId}` : item.groupId;
}

const loadResults = pagedTable({
  tbody,
  more: byId('next-page'),
  fetchPage: (cursor) => api('GET', `/api/messages?${query({ ...current.filter, limit: current.limit, cursor })}`),
  cells: (item) => [localTime(item.msgTime), item.chat === 'group' ? 'group' : 'one-to-one', item.from, item.to,
    groupOf(item), { text: item.chat === 'group' ? `MsgSeq ${item.msgSeq}` : item.msgKey, className: 'key' },
    item.delivered ? 'yes' : 'no', item.recalledAt ? `${localTime(item.recalledAt)} (${item.recallSource})` : '',
    item.msgTimeEstimated ? `${item.source} (time estimated)` : item.source],
  afterPage: () => {
    if (current.count !== undefined) {
      byId('result-count').textContent = `${current.count} messages found; showing ${tbody.rows.length}.`;
    }
  },
});

byId('search-form').addEventListener('submit', guarded(async () => {
  const wanted = filter();
  const limit = byId('limit').value;
  clearGaps();
  const [page, count] = await Promise.all([
    api('GET', `/api/messages?${query({ ...wanted, limit })}`),
    api('GET', `/api/messages/count?${query(wanted)}`),
  ]);
  current = { filter: wanted, limit, searchedAt: page.asOf };
  await loadResults(false, page);
  current.count = count.count;
  results.hidden = false;
  byId('result-count').textContent =
    `${count.count} message${count.count === 1 ? '' : 's'} found; showing ${page.items.length}.`;
  recall.hidden = !(viewer.moderator && wanted.state === 'active' && count.count > 0);
  byId('recall-n').textContent = count.count;
  await showGaps(wanted);
}));

recall.addEventListener('click', () => {
  byId('prepare-n').textContent = current.count;
  byId('prepare-until').textContent = localTime(current.filter.until || current.searchedAt);
  byId('prepare-form').hidden = false;
  byId('preview').hidden = true;
  clearError();
  dialog.showModal();
});
dialog.querySelectorAll('.close-dialog').forEach((button) => button.addEventListener('click', () => dialog.close()));

byId('prepare-form').addEventListener('submit', guarded(async () => {
  // Messages recorded after the search are not part of what the moderator saw: the job stops at the search time,
  // by the service's clock.
  const frozenFilter = { ...current.filter, until: current.filter.until || current.searchedAt };
  delete frozenFilter.state;
  job = await api('POST', '/api/recall-jobs', {
    filter: Object.fromEntries(Object.entries(frozenFilter).filter(([, v]) => v !== undefined && v !== '')),
    reason: byId('reason').value,
    note: byId('note').value,
    reference: byId('reference').value,
  });
  byId('prepare-form').hidden = true;
  byId('preview').hidden = false;
  const { sample } = job;
  // a selection too big for one request is frozen in the background: show how far it got until it is done
  while (job.state === 'FREEZING') {
    byId('preview-freezing').hidden = false;
    byId('preview-frozen').textContent = job.frozen;
    byId('confirm-button').hidden = true;
    await new Promise((resolve) => { setTimeout(resolve, 1000); });
    job = await api('GET', `/api/recall-jobs/${job.id}`);
  }
  byId('preview-freezing').hidden = true;
  byId('preview-total').textContent = job.total;
  byId('preview-reason').textContent = [job.reason, job.reference, job.note].filter((part) => part).join(' · ');
  byId('confirm-n').textContent = job.total;
  byId('preview-duration').textContent = duration(job.estimatedSeconds);
  byId('preview-link').href = `/console/jobs/${job.id}`;
  const difference = byId('preview-difference');
  difference.hidden = job.total === current.count;
  difference.textContent = `The search showed ${current.count} messages; ${job.total} were frozen (what matched `
    + 'when the job was created, including messages only callbacks say are recalled or undelivered).';
  byId('preview-groups').textContent = `${job.groupTotal} of them are group messages, recalled up to ten a call.`;
  byId('preview-groups').hidden = job.groupTotal === 0;
  const marked = byId('preview-callback-marked');
  marked.hidden = job.alreadyRecalledByCallback === 0 && job.undeliveredByCallback === 0;
  marked.textContent = `Of these, ${job.alreadyRecalledByCallback} are marked recalled and `
    + `${job.undeliveredByCallback} undelivered by callbacks alone. They are sent to Tencent all the same (a `
    + 'callback can be forged); Tencent answers "already recalled" or "no such message" for the real ones.';
  const older = byId('preview-older');
  older.hidden = job.olderThanRoaming === 0;
  older.textContent = `${job.olderThanRoaming} of them are older than Tencent's roaming period: Tencent may no `
    + 'longer find them, and then answers "no such message" for them.';
  const fourEyes = byId('preview-four-eyes');
  const needsSecond = job.approval.secondApproverRequired && job.approval.notBy === viewer.name;
  fourEyes.hidden = !job.approval.secondApproverRequired;
  fourEyes.textContent = `More than ${job.approval.threshold} messages: a moderator other than `
    + `${job.approval.notBy} must confirm this job. Share its link with them.`;
  byId('confirm-button').hidden = needsSecond;
  fillRows(document.querySelector('#preview-sample tbody'), sample,
    (item) => [localTime(item.msgTime), item.from,
      item.chat === 'group' ? `group ${item.groupId}${item.topicId ? ` / ${item.topicId}` : ''}` : item.to,
      { text: item.chat === 'group' ? `MsgSeq ${item.msgSeq}` : item.msgKey, className: 'key' }]);
}));

byId('confirm-button').addEventListener('click', guarded(async () => {
  await api('POST', `/api/recall-jobs/${job.id}/confirm`, { expectedTotal: job.total });
  window.location.assign(`/console/jobs/${job.id}`);
}));

byId('discard-button').addEventListener('click', guarded(async () => {
  await api('POST', `/api/recall-jobs/${job.id}/cancel`);
  dialog.close();
}));
