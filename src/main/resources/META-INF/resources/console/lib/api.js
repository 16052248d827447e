// The JSON API, called with the session cookie; every error becomes an ApiError for the page to show.

export class ApiError extends Error {
  constructor(status, message, parameter) {
    super(message);
    this.status = status;
    this.parameter = parameter;
  }
}

export async function api(method, path, payload, accept = 'application/json') {
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

/** A query string of the parameters that have a value. */
export function query(params) {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([key, value]) => {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, value);
    }
  });
  return search.toString();
}

/** Saves what a CSV export answers as a file. */
export async function download(path, filename) {
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
