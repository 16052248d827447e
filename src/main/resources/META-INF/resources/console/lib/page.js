// What every console page shares: who is looking, and the time zone the page's times are in.

import { zone } from './time.js';

const body = document.body;

export const viewer = {
  name: body.dataset.user,
  moderator: body.dataset.moderator === 'true',
  secondApproverAbove: Number(body.dataset.secondApproverAbove || 0),
};

/** Job states after which nothing more happens, from RecallJobState. */
export const finalJobStates = (body.dataset.finalJobStates || '').split(' ').filter((state) => state);

export const byId = (id) => document.getElementById(id);

document.querySelectorAll('.tz').forEach((span) => {
  span.textContent = zone;
});
byId('messages').hidden = true;
