// The recall jobs, newest first, with their state and progress.

import { api, query } from '../lib/api.js';
import { guarded } from '../lib/errors.js';
import { byId } from '../lib/page.js';
import { pagedTable } from '../lib/table.js';
import { localTime } from '../lib/time.js';

function progress(job) {
  if (job.state === 'FREEZING') {
    return `freezing: ${job.frozen} so far`;
  }
  const done = job.total - job.counts.PENDING;
  const bar = document.createElement('progress');
  bar.max = job.total;
  bar.value = done;
  bar.setAttribute('aria-label', `job ${job.id} progress`);
  const cell = document.createDocumentFragment();
  cell.append(bar, ` ${done}/${job.total}`);
  return cell;
}

const load = pagedTable({
  tbody: document.querySelector('#jobs-table tbody'),
  more: byId('jobs-next'),
  fetchPage: (cursor) => api('GET', `/api/recall-jobs?${query({ limit: 50, cursor })}`),
  cells: (job) => {
    const awaiting = job.state === 'AWAITING_CONFIRMATION' && job.approval.secondApproverRequired
      ? ` (any moderator but ${job.approval.notBy})` : '';
    return [{ href: `/console/jobs/${job.id}`, text: `#${job.id}` }, job.state + awaiting, progress(job), job.reason,
      job.reference, job.createdBy, localTime(job.createdAt)];
  },
});

guarded(() => load(false))();
