// The audit log, filtered, page by page, and as CSV.

import { api, download, query } from '../lib/api.js';
import { guarded } from '../lib/errors.js';
import { byId } from '../lib/page.js';
import { pagedTable } from '../lib/table.js';
import { describeFilter, instantOf, localTime } from '../lib/time.js';

function filter() {
  return {
    since: instantOf(byId('audit-since')),
    until: instantOf(byId('audit-until')),
    actor: byId('audit-actor').value,
    action: byId('audit-action').value,
  };
}

const load = pagedTable({
  tbody: document.querySelector('#audit-table tbody'),
  more: byId('audit-next'),
  fetchPage: (cursor) => api('GET', `/api/audit?${query({ ...filter(), limit: 100, cursor })}`),
  cells: (entry) => [localTime(entry.occurredAt), entry.actor, entry.action,
    entry.jobId ? { href: `/console/jobs/${entry.jobId}`, text: `#${entry.jobId}` } : '',
    describeFilter(entry.filter), entry.resultCount, entry.reason, entry.detail],
});

byId('audit-form').addEventListener('submit', guarded(() => load(false)));
byId('audit-csv').addEventListener('click', guarded(() => download(`/api/audit?${query(filter())}`, 'audit.csv')));
guarded(() => load(false))();
