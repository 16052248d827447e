// Every API error is shown, never swallowed.

import { ApiError } from './api.js';

/** Where errors show: inside an open dialog (the page behind it is inert), else at the top of the page. */
function messageBox() {
  return document.querySelector('dialog[open] .dialog-messages') || document.getElementById('messages');
}

export function showError(error) {
  const box = messageBox();
  const text = error instanceof ApiError && error.parameter
    ? `${error.message} (parameter: ${error.parameter})`
    : error.message || String(error);
  box.textContent = text;
  box.classList.add('error');
  box.hidden = false;
}

export function clearError() {
  document.querySelectorAll('#messages, .dialog-messages').forEach((box) => {
    box.textContent = '';
    box.classList.remove('error');
    box.hidden = true;
  });
}

/** Runs an action from a button or form, reporting any failure to the user. */
export function guarded(action) {
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
