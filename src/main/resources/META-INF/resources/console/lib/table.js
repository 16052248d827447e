// Table rows, and tables filled a page at a time by following the API's cursors.

import { guarded } from './errors.js';

/**
 * A table row. Each cell is a text (null shows as empty), { text, className }, { href, text } for a link, or a Node.
 */
export function tableRow(cells) {
  const row = document.createElement('tr');
  cells.forEach((cell) => {
    const td = document.createElement('td');
    if (cell instanceof Node) {
      td.append(cell);
    } else if (cell !== null && typeof cell === 'object' && cell.href) {
      const a = document.createElement('a');
      a.href = cell.href;
      a.textContent = cell.text;
      td.appendChild(a);
    } else {
      const text = cell !== null && typeof cell === 'object' ? cell.text : cell;
      td.textContent = text === null || text === undefined ? '' : String(text);
      if (cell !== null && typeof cell === 'object' && cell.className) {
        td.className = cell.className;
      }
    }
    row.appendChild(td);
  });
  return row;
}

/** Replaces the body's rows with one row per item. */
export function fillRows(tbody, items, cells) {
  tbody.replaceChildren(...items.map((item) => tableRow(cells(item))));
}

/**
 * A table whose body is filled from pages of { items, nextCursor }. fetchPage(cursor) fetches one (cursor undefined:
 * the first); the returned load(append, fetched) starts again or appends the next page (or shows one fetched
 * already), and the button `more` is shown while there is one. afterPage(page) runs after each page is shown.
 */
export function pagedTable({ tbody, more, fetchPage, cells, afterPage = () => {} }) {
  let cursor = null;
  async function load(append, fetched) {
    const page = fetched || await fetchPage(append ? cursor : undefined);
    if (!append) {
      tbody.replaceChildren();
    }
    page.items.forEach((item) => tbody.appendChild(tableRow(cells(item))));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    afterPage(page);
    return page;
  }
  more.addEventListener('click', guarded(() => load(true)));
  return load;
}
