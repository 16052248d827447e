// Times as the viewer reads them: in their own time zone.

const pad = (n) => String(n).padStart(2, '0');

export const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** An instant in the viewer's time zone, as YYYY-MM-DD HH:MM:SS. */
export function localTime(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} `
    + `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The value of a datetime-local input (the viewer's zone) as an ISO instant, or undefined when empty. */
export function instantOf(input) {
  return input.value ? new Date(input.value).toISOString() : undefined;
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return '—';
  }
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`;
}

/** A search filter in words, its times in the viewer's zone. */
export function describeFilter(filter) {
  return Object.entries(filter || {})
    .map(([key, value]) => `${key}=${key === 'since' || key === 'until' ? localTime(value) : value}`)
    .join(', ');
}
