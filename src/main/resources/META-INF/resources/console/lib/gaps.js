// The record's blind spots beside a search: times no instance was recording, and fetching what Tencent kept.

import { api, query } from './api.js';
import { guarded, showError } from './errors.js';
import { byId } from './page.js';
import { duration, localTime } from './time.js';

const section = byId('gap-warning');
const fetchButton = byId('fetch-button');
const progress = byId('sync-progress');
/** Sync job states after which nothing more happens, from SyncJobState. */
const finalStates = (section.dataset.finalSyncStates || '').split(' ').filter((state) => state);
const SHOWN = 5;
let wanted = null;
let timer = null;

/** Whose history a search is about: the user, else the sender, else the recipient; and the peer, if one. */
function syncRequest(filter) {
  const user = filter.user || filter.from || filter.to;
  if (!user) {
    return null;
  }
  const peer = filter.user ? filter.peer : filter.from && filter.to ? filter.to : undefined;
  return Object.fromEntries(Object.entries({
    user, peers: peer ? [peer] : undefined, since: filter.since, until: filter.until,
  }).filter(([, value]) => value !== undefined && value !== ''));
}

function describe(gap) {
  return `${localTime(gap.from)} – ${localTime(gap.until)} (${duration(gap.seconds)})`;
}

/** Shows the gaps that overlap the search's time range (the roaming period when it has none), if there are any. */
export async function showGaps(filter) {
  const report = await api('GET', `/api/recording/gaps?${query({ since: filter.since, until: filter.until })}`);
  section.hidden = report.gaps.length === 0;
  if (section.hidden) {
    return;
  }
  const count = report.gaps.length;
  byId('gap-text').textContent = `The recorder was not recording for ${count === 1 ? 'one period'
    : `${count} periods`} in this time range: messages sent then may be missing from these results.`;
  const items = report.gaps.slice(0, SHOWN).map((gap) => {
    const li = document.createElement('li');
    li.textContent = describe(gap);
    return li;
  });
  if (count > SHOWN) {
    const more = document.createElement('li');
    more.textContent = `and ${count - SHOWN} more`;
    items.push(more);
  }
  byId('gap-list').replaceChildren(...items);
  wanted = syncRequest(filter);
  fetchButton.hidden = !wanted;
  byId('fetch-hint').textContent = wanted
    ? `fetches ${wanted.user}'s one-to-one history${wanted.peers ? ` with ${wanted.peers[0]}` : ''} from Tencent's `
      + 'roaming storage into the record.'
    : 'Search by a user (or a sender) to fetch their history from Tencent.';
}

function report(job) {
  const c = job.conversations;
  const m = job.messages;
  const conversations = `${c.done} of ${c.total}${c.listComplete ? '' : '+'} conversations`
    + (c.failed ? `, ${c.failed} failed` : '');
  const messages = `${m.seen} messages seen, ${m.added} new to the record, ${m.alreadyKnown} already known, `
    + `${m.recalledAtTencent} recalled at Tencent`;
  if (job.state === 'COMPLETED') {
    return `Fetched from Tencent (sync job ${job.id}): ${messages}. Search again to see them.`;
  }
  return `Sync job ${job.id}: ${job.state} — ${conversations}; ${messages}.${job.error ? ` ${job.error}` : ''}`;
}

async function watch(id) {
  try {
    const job = await api('GET', `/api/sync-jobs/${id}`);
    progress.textContent = report(job);
    progress.dataset.state = job.state;
    if (!finalStates.includes(job.state) && job.state !== 'PAUSED') {
      timer = setTimeout(() => watch(id), 1000);
    }
  } catch (error) {
    showError(error);
    timer = setTimeout(() => watch(id), 5000);
  }
}

fetchButton.addEventListener('click', guarded(async () => {
  clearTimeout(timer);
  const job = await api('POST', '/api/sync-jobs', wanted);
  fetchButton.hidden = true;
  progress.hidden = false;
  await watch(job.id);
}));

/** A new search: a fetch started for an earlier one keeps running, but its progress is not shown any more. */
export function clearGaps() {
  clearTimeout(timer);
  section.hidden = true;
  progress.hidden = true;
  progress.textContent = '';
  delete progress.dataset.state;
}
