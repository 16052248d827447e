// The console's pages call the JSON API with the session cookie; every API error is shown, never swallowed.
'use strict';

const body = document.body;
const viewer = {
  name: body.dataset.user,
  moderator: body.dataset.moderator === 'true',
  secondApproverAbove: Number(body.dataset.secondApproverAbove || 0),
};
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

// ---- plumbing ---------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, message, parameter) {
    super(message);
    this.status = status;
    this.parameter = parameter;
  }
}

async function api(method, path, payload, accept = 'application/json') {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      'Accept': accept,
      'X-Requested-With': 'fetch',
      ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  if (response.status === 401) {
    window.location.assign('/login');
    throw new ApiError(401, 'Your session has ended; sign in again.');
  }
  if (!response.ok) {
    let error = { error: `${response.status} ${response.statusText}` };
    try {
      error = await response.json();
    } catch (ignored) {
      // not JSON: keep the status line
    }
    throw new ApiError(response.status, error.error || 'request failed', error.parameter);
  }
  return accept === 'application/json' ? response.json() : response.blob();
}

/** Where errors show: inside an open dialog (the page behind it is inert), else at the top of the page. */
function messageBox() {
  return document.querySelector('dialog[open] .dialog-messages') || document.getElementById('messages');
}

function showError(error) {
  const box = messageBox();
  const text = error instanceof ApiError && error.parameter
    ? `${error.message} (parameter: ${error.parameter})`
    : error.message || String(error);
  box.textContent = text;
  box.classList.add('error');
  box.hidden = false;
}

function clearError() {
  document.querySelectorAll('#messages, .dialog-messages').forEach((box) => {
    box.textContent = '';
    box.classList.remove('error');
    box.hidden = true;
  });
}

/** Runs an action from a button or form, reporting any failure to the user. */
function guarded(action) {
  return async (event) => {
    if (event) {
      event.preventDefault();
    }
    clearError();
    try {
      await action(event);
    } catch (error) {
      showError(error);
    }
  };
}

const pad = (n) => String(n).padStart(2, '0');

/** An instant in the viewer's time zone, as YYYY-MM-DD HH:MM:SS. */
function localTime(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} `
    + `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The value of a datetime-local input (the viewer's zone) as an ISO instant, or undefined when empty. */
function instantOf(input) {
  return input.value ? new Date(input.value).toISOString() : undefined;
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return '—';
  }
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`;
}

function query(params) {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([key, value]) => {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, value);
    }
  });
  return search.toString();
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

function linkCell(row, href, text) {
  const td = document.createElement('td');
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  td.appendChild(a);
  row.appendChild(td);
}

async function download(path, filename) {
  const blob = await api('GET', path, undefined, 'text/csv');
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function describeFilter(filter) {
  return Object.entries(filter || {})
    .map(([key, value]) => `${key}=${key === 'since' || key === 'until' ? localTime(value) : value}`)
    .join(', ');
}

// ---- search -----------------------------------------------------------------------------------------------------

function searchPage() {
  const form = document.getElementById('search-form');
  const results = document.getElementById('results');
  const tbody = document.querySelector('#result-table tbody');
  const next = document.getElementById('next-page');
  const recall = document.getElementById('recall-button');
  const dialog = document.getElementById('recall-dialog');
  let current = null;

  function filter() {
    const value = (id) => document.getElementById(id).value;
    return {
      from: value('from'), to: value('to'), user: value('user'), peer: value('peer'),
      since: instantOf(document.getElementById('since')), until: instantOf(document.getElementById('until')),
      state: value('state'),
    };
  }

  function render(items, append) {
    if (!append) {
      tbody.replaceChildren();
    }
    items.forEach((item) => {
      const row = document.createElement('tr');
      cell(row, localTime(item.msgTime));
      cell(row, item.from);
      cell(row, item.to);
      cell(row, item.msgKey, 'key');
      cell(row, item.delivered ? 'yes' : 'no');
      cell(row, item.recalledAt ? `${localTime(item.recalledAt)} (${item.recallSource})` : '');
      tbody.appendChild(row);
    });
  }

  form.addEventListener('submit', guarded(async () => {
    const wanted = filter();
    const limit = document.getElementById('limit').value;
    const [page, count] = await Promise.all([
      api('GET', `/api/messages?${query({ ...wanted, limit })}`),
      api('GET', `/api/messages/count?${query(wanted)}`),
    ]);
    current = { filter: wanted, limit, cursor: page.nextCursor, count: count.count, searchedAt: page.asOf };
    render(page.items, false);
    results.hidden = false;
    document.getElementById('result-count').textContent =
      `${count.count} message${count.count === 1 ? '' : 's'} found; showing ${page.items.length}.`;
    next.hidden = !page.nextCursor;
    recall.hidden = !(viewer.moderator && wanted.state === 'active' && count.count > 0);
    document.getElementById('recall-n').textContent = count.count;
  }));

  next.addEventListener('click', guarded(async () => {
    const page = await api('GET', `/api/messages?${query({ ...current.filter, limit: current.limit,
      cursor: current.cursor })}`);
    render(page.items, true);
    current.cursor = page.nextCursor;
    next.hidden = !page.nextCursor;
    document.getElementById('result-count').textContent =
      `${current.count} messages found; showing ${tbody.rows.length}.`;
  }));

  recall.addEventListener('click', () => {
    document.getElementById('prepare-n').textContent = current.count;
    document.getElementById('prepare-until').textContent =
      localTime(current.filter.until || current.searchedAt);
    document.getElementById('prepare-form').hidden = false;
    document.getElementById('preview').hidden = true;
    clearError();
    dialog.showModal();
  });
  dialog.querySelectorAll('.close-dialog').forEach((button) => button.addEventListener('click', () => dialog.close()));

  let job = null;
  document.getElementById('prepare-form').addEventListener('submit', guarded(async () => {
    // Messages recorded after the search are not part of what the moderator saw: the job stops at the search time,
    // by the service's clock.
    const frozenFilter = { ...current.filter, until: current.filter.until || current.searchedAt };
    delete frozenFilter.state;
    job = await api('POST', '/api/recall-jobs', {
      filter: Object.fromEntries(Object.entries(frozenFilter).filter(([, v]) => v !== undefined && v !== '')),
      reason: document.getElementById('reason').value,
      note: document.getElementById('note').value,
      reference: document.getElementById('reference').value,
    });
    document.getElementById('prepare-form').hidden = true;
    document.getElementById('preview').hidden = false;
    document.getElementById('preview-total').textContent = job.total;
    document.getElementById('preview-reason').textContent =
      [job.reason, job.reference, job.note].filter((part) => part).join(' · ');
    document.getElementById('confirm-n').textContent = job.total;
    document.getElementById('preview-duration').textContent = duration(job.estimatedSeconds);
    document.getElementById('preview-link').href = `/console/jobs/${job.id}`;
    const difference = document.getElementById('preview-difference');
    difference.hidden = job.total === current.count;
    difference.textContent = `The search showed ${current.count} messages; ${job.total} are still active and `
      + 'were frozen.';
    const fourEyes = document.getElementById('preview-four-eyes');
    const needsSecond = job.approval.secondApproverRequired && job.approval.notBy === viewer.name;
    fourEyes.hidden = !job.approval.secondApproverRequired;
    fourEyes.textContent = `More than ${job.approval.threshold} messages: a moderator other than `
      + `${job.approval.notBy} must confirm this job. Share its link with them.`;
    document.getElementById('confirm-button').hidden = needsSecond;
    const sample = document.querySelector('#preview-sample tbody');
    sample.replaceChildren();
    job.sample.forEach((item) => {
      const row = document.createElement('tr');
      cell(row, localTime(item.msgTime));
      cell(row, item.from);
      cell(row, item.to);
      cell(row, item.msgKey, 'key');
      sample.appendChild(row);
    });
  }));

  document.getElementById('confirm-button').addEventListener('click', guarded(async () => {
    await api('POST', `/api/recall-jobs/${job.id}/confirm`, { expectedTotal: job.total });
    window.location.assign(`/console/jobs/${job.id}`);
  }));

  document.getElementById('discard-button').addEventListener('click', guarded(async () => {
    await api('POST', `/api/recall-jobs/${job.id}/cancel`);
    dialog.close();
  }));
}

// ---- one job ----------------------------------------------------------------------------------------------------

const OUTCOMES = ['PENDING', 'RECALLED', 'ALREADY_RECALLED', 'NOT_FOUND', 'INVALID', 'FAILED', 'SKIPPED'];

function jobPage() {
  const id = document.getElementById('job').dataset.jobId;
  const confirm = document.getElementById('job-confirm');
  const cancel = document.getElementById('job-cancel');
  let items = { cursor: null };
  let timer = null;
  let lastState = null;

  function show(job) {
    const done = job.total - job.counts.PENDING;
    document.getElementById('job-state').textContent = job.state;
    document.getElementById('job-pause-reason').textContent = job.pauseReason ? `— ${job.pauseReason}` : '';
    const progress = document.getElementById('job-progress');
    progress.max = job.total;
    progress.value = done;
    document.getElementById('job-progress-text').textContent =
      `${done} of ${job.total} done (${Math.floor((100 * done) / job.total)} %)`;
    document.getElementById('job-rate').textContent =
      `${job.currentRate.toFixed(1)} per second (limit ${job.rateLimit}, shared by running jobs)`;
    document.getElementById('job-remaining').textContent = job.state === 'RUNNING'
      ? duration(job.estimatedSecondsRemaining) : '—';
    document.getElementById('job-reason').textContent = job.reason;
    document.getElementById('job-reference').textContent = job.reference || '';
    document.getElementById('job-note').textContent = job.note || '';
    document.getElementById('job-filter').textContent = describeFilter(job.filter);
    document.getElementById('job-created').textContent = `${localTime(job.createdAt)} by ${job.createdBy}`;
    document.getElementById('job-confirmed').textContent =
      job.confirmedAt ? `${localTime(job.confirmedAt)} by ${job.confirmedBy}` : '';
    document.getElementById('job-cancelled').textContent =
      job.cancelledAt ? `${localTime(job.cancelledAt)} by ${job.cancelledBy}` : '';
    document.getElementById('job-completed').textContent = localTime(job.completedAt);
    const counts = document.querySelector('#job-counts tbody');
    counts.replaceChildren();
    OUTCOMES.forEach((outcome) => {
      const row = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = outcome;
      row.appendChild(th);
      cell(row, job.counts[outcome]).id = `count-${outcome}`;
      counts.appendChild(row);
    });
    const waiting = job.state === 'AWAITING_CONFIRMATION' || job.state === 'PAUSED';
    const approval = document.getElementById('job-approval');
    const blockedByFourEyes = job.state === 'AWAITING_CONFIRMATION' && job.approval.secondApproverRequired
      && job.approval.notBy === viewer.name;
    approval.hidden = !(job.state === 'AWAITING_CONFIRMATION' && job.approval.secondApproverRequired);
    approval.textContent = `Waiting for a second approver: any moderator except ${job.approval.notBy} may `
      + `confirm (more than ${job.approval.threshold} messages).`;
    confirm.hidden = !(viewer.moderator && waiting && !blockedByFourEyes);
    confirm.textContent = job.state === 'PAUSED' ? 'Resume' : 'Confirm and start';
    cancel.hidden = !(viewer.moderator && !['COMPLETED', 'CANCELLED'].includes(job.state));
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

  async function loadItems(append) {
    const outcome = document.getElementById('item-outcome').value;
    const page = await api('GET', `/api/recall-jobs/${id}/items?${query({ outcome, limit: 100,
      cursor: append ? items.cursor : undefined })}`);
    const tbody = document.querySelector('#item-table tbody');
    if (!append) {
      tbody.replaceChildren();
    }
    page.items.forEach((item) => {
      const row = document.createElement('tr');
      cell(row, localTime(item.msgTime));
      cell(row, item.from);
      cell(row, item.to);
      cell(row, item.msgKey, 'key');
      cell(row, item.outcome, `outcome ${item.outcome}`);
      cell(row, item.attempts);
      cell(row, [item.lastErrorCode, item.lastErrorInfo].filter((x) => x !== null && x !== undefined).join(' '));
      cell(row, localTime(item.confirmedAt));
      tbody.appendChild(row);
    });
    items.cursor = page.nextCursor;
    document.getElementById('items-next').hidden = !page.nextCursor;
  }

  async function poll() {
    try {
      const job = await refresh();
      // a cancelled job still has calls in flight: they finish and are recorded, so keep watching until they have
      if (['RUNNING', 'AWAITING_CONFIRMATION', 'PAUSED'].includes(job.state) || job.counts.PENDING > 0) {
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
  document.getElementById('item-outcome').addEventListener('change', guarded(() => loadItems(false)));
  document.getElementById('items-next').addEventListener('click', guarded(() => loadItems(true)));
  document.getElementById('items-csv').addEventListener('click', guarded(() => download(
    `/api/recall-jobs/${id}/items?${query({ outcome: document.getElementById('item-outcome').value })}`,
    `recall-job-${id}-items.csv`)));
  poll();
}

// ---- job list ---------------------------------------------------------------------------------------------------

function jobsPage() {
  const tbody = document.querySelector('#jobs-table tbody');
  const more = document.getElementById('jobs-next');
  let cursor = null;

  async function load(append) {
    const page = await api('GET', `/api/recall-jobs?${query({ limit: 50, cursor: append ? cursor : undefined })}`);
    if (!append) {
      tbody.replaceChildren();
    }
    page.items.forEach((job) => {
      const row = document.createElement('tr');
      linkCell(row, `/console/jobs/${job.id}`, `#${job.id}`);
      const awaiting = job.state === 'AWAITING_CONFIRMATION' && job.approval.secondApproverRequired
        ? ` (any moderator but ${job.approval.notBy})` : '';
      cell(row, job.state + awaiting);
      const done = job.total - job.counts.PENDING;
      const progress = cell(row, '');
      const bar = document.createElement('progress');
      bar.max = job.total;
      bar.value = done;
      bar.setAttribute('aria-label', `job ${job.id} progress`);
      progress.append(bar, ` ${done}/${job.total}`);
      cell(row, job.reason);
      cell(row, job.reference);
      cell(row, job.createdBy);
      cell(row, localTime(job.createdAt));
      tbody.appendChild(row);
    });
    cursor = page.nextCursor;
    more.hidden = !cursor;
  }

  more.addEventListener('click', guarded(() => load(true)));
  guarded(() => load(false))();
}

// ---- audit log --------------------------------------------------------------------------------------------------

function auditPage() {
  const tbody = document.querySelector('#audit-table tbody');
  const more = document.getElementById('audit-next');
  let cursor = null;

  function filter() {
    return {
      since: instantOf(document.getElementById('audit-since')),
      until: instantOf(document.getElementById('audit-until')),
      actor: document.getElementById('audit-actor').value,
      action: document.getElementById('audit-action').value,
    };
  }

  async function load(append) {
    const page = await api('GET', `/api/audit?${query({ ...filter(), limit: 100,
      cursor: append ? cursor : undefined })}`);
    if (!append) {
      tbody.replaceChildren();
    }
    page.items.forEach((entry) => {
      const row = document.createElement('tr');
      cell(row, localTime(entry.occurredAt));
      cell(row, entry.actor);
      cell(row, entry.action);
      if (entry.jobId) {
        linkCell(row, `/console/jobs/${entry.jobId}`, `#${entry.jobId}`);
      } else {
        cell(row, '');
      }
      cell(row, describeFilter(entry.filter));
      cell(row, entry.resultCount);
      cell(row, entry.reason);
      cell(row, entry.detail);
      tbody.appendChild(row);
    });
    cursor = page.nextCursor;
    more.hidden = !cursor;
  }

  document.getElementById('audit-form').addEventListener('submit', guarded(() => load(false)));
  more.addEventListener('click', guarded(() => load(true)));
  document.getElementById('audit-csv').addEventListener('click', guarded(() => download(
    `/api/audit?${query(filter())}`, 'audit.csv')));
  guarded(() => load(false))();
}

// ---- start ------------------------------------------------------------------------------------------------------

document.querySelectorAll('.tz').forEach((span) => {
  span.textContent = zone;
});
document.getElementById('messages').hidden = true;
({ search: searchPage, job: jobPage, jobs: jobsPage, audit: auditPage })[body.dataset.page]?.();
