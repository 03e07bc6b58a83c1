/* global document, fetch, URLSearchParams */
// Search insights part of the inventory admin page: click-through rate, average click position and conversion rate
// per query, and the queries nobody clicked, read from the search API's public metrics (origin from <meta name="search-api">).
import { guard } from './admin.js';

const $ = (id) => document.getElementById(id);
const searchApi = document.querySelector('meta[name="search-api"]').content;
const percent = (ratio) => (ratio * 100).toFixed(1) + '%';

function row(cells) {
  const tr = document.createElement('tr');
  cells.forEach((text, i) => {
    const td = document.createElement('td');
    td.textContent = text;
    if (i > 0) td.className = 'num';
    tr.append(td);
  });
  return tr;
}

async function metrics(path, windowHours) {
  const params = new URLSearchParams({ limit: '20', window_hours: windowHours });
  const res = await fetch(searchApi + path + '?' + params);
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error('Search insights: ' + ((body && (body.detail || body.message)) || res.status + ' ' + res.statusText));
  return body;
}

async function refreshInsights() {
  const windowHours = $('insights-window').value;
  const [all, noClicks] = await Promise.all([metrics('/v1/searches/insights', windowHours), metrics('/v1/searches/no-clicks', windowHours)]);
  const t = all.totals;
  $('insights-summary').textContent =
    t.searches + ' tracked searches, click-through rate ' + percent(t.clickThroughRate) + ', conversion rate ' + percent(t.conversionRate) + ' in ' + all.windowHours + ' h.';
  $('insights').querySelector('tbody').replaceChildren(
    ...all.queries.map((q) => row([q.query, String(q.searches), percent(q.clickThroughRate), q.averageClickPosition === null ? '–' : String(q.averageClickPosition), percent(q.conversionRate)])),
  );
  $('no-clicks').querySelector('tbody').replaceChildren(...noClicks.queries.map((q) => row([q.query, String(q.searches)])));
}

$('insights-form').addEventListener('submit', guard(refreshInsights));
void guard(refreshInsights)();
