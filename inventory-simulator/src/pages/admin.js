/* global document, window, fetch, sessionStorage, setInterval, clearInterval, URLSearchParams */
// Inventory admin page: plain ES module, no build step. Every API call carries the token kept in sessionStorage.
const TOKEN_KEY = 'inventoryAdminToken';
const $ = (id) => document.getElementById(id);
const money = (value, currency) => new Intl.NumberFormat('en-US', { style: 'currency', currency: currency || 'USD' }).format(value);
let nextCursor;
let current;
let eventsTimer;

export function say(message, isError = false) {
  const el = $('status');
  el.textContent = message;
  el.classList.toggle('error', isError);
}

/** fetch with the bearer token; problem+json bodies become one readable message naming the fields. */
export async function api(path, options = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) throw new Error('Enter the admin token first.');
  const headers = { Authorization: 'Bearer ' + token, ...(options.body ? { 'Content-Type': 'application/json' } : {}), ...options.headers };
  const res = await fetch(path, { ...options, headers });
  const type = res.headers.get('content-type') || '';
  const body = type.includes('json') ? await res.json() : undefined;
  if (!res.ok) {
    const fields = body && body.errors ? ' (' + body.errors.map((e) => e.path + ': ' + e.message).join('; ') + ')' : '';
    throw new Error((body && body.detail ? body.detail : res.status + ' ' + res.statusText) + fields);
  }
  return body;
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

async function find(append) {
  const params = new URLSearchParams({ limit: '20' });
  const q = $('find-q').value.trim();
  const brand = $('find-brand').value.trim();
  if (q) params.set('q', q);
  if (brand) params.set('brand', brand);
  if (append && nextCursor) params.set('cursor', nextCursor);
  const page = await api('/v1/admin/products?' + params);
  const tbody = $('results').querySelector('tbody');
  if (!append) tbody.replaceChildren();
  for (const item of page.items) {
    const p = item.product;
    const tr = document.createElement('tr');
    tr.append(cell(item.id), cell(p.title), cell(p.brand), cell(p.groupId || '—'), cell(money(p.price, p.currency), 'num'), cell(String(p.stock), 'num'), cell(String(item.version), 'num'));
    const td = document.createElement('td');
    const edit = document.createElement('button');
    edit.type = 'button';
    edit.className = 'secondary';
    edit.textContent = 'Edit';
    edit.setAttribute('aria-label', 'Edit ' + item.id);
    edit.addEventListener('click', () => open(item.id));
    td.append(edit);
    tr.append(td);
    tbody.append(tr);
  }
  nextCursor = page.nextCursor;
  $('results').hidden = tbody.children.length === 0;
  $('more').hidden = !nextCursor;
  if (!append) say(page.items.length === 0 ? 'No product matches.' : 'Found ' + tbody.children.length + (nextCursor ? '+' : '') + ' products.');
}

async function open(id) {
  current = await api('/v1/admin/products/' + encodeURIComponent(id));
  $('edit').hidden = false;
  $('edit-id').textContent = current.id;
  $('edit-title').textContent = current.title + ' — ' + current.brand;
  $('edit-currency').textContent = current.currency;
  $('edit-price').value = String(current.price);
  $('edit-stock').value = String(current.stock);
  $('edit-group').value = current.groupId || '';
  $('edit-varying').value = (current.variantAttributes || []).join(', ');
  const names = Object.keys(current.attributes || {});
  $('edit-attributes').textContent = names.length > 0 ? 'this product has ' + names.join(', ') : 'this product has no attributes';
  $('edit-version').textContent = String(current.version);
  $('edit-price').focus();
}

async function save() {
  const price = Number($('edit-price').value);
  const stock = Number($('edit-stock').value);
  const groupId = $('edit-group').value.trim() || undefined;
  const varying = $('edit-varying').value.split(',').map((name) => name.trim()).filter(Boolean);
  const variantAttributes = varying.length > 0 ? varying : undefined;
  // The whole record GET returned, edited: a PUT, so that emptying the family removes it (a PATCH can only set
  // fields). If-Match: the version this form shows; if someone changed the product since, the answer is 412 and
  // nothing is overwritten (reopen the product to see its current values). The server names any invalid field.
  const edited = { ...current, price, stock, groupId, variantAttributes };
  const accepted = await api('/v1/admin/products/' + encodeURIComponent(current.id), {
    method: 'PUT',
    body: JSON.stringify(edited),
    headers: { 'If-Match': '"' + current.version + '"' },
  });
  current = { ...edited, version: accepted.version };
  $('edit-version').textContent = String(accepted.version);
  const family = groupId ? ', family ' + groupId + (variantAttributes ? ' (' + variantAttributes.join(', ') + ' vary)' : '') : '';
  say('Saved ' + current.id + ': ' + money(price, current.currency) + ', stock ' + stock + family + ' (version ' + accepted.version + ').');
  void refreshEvents();
}

async function remove() {
  if (!window.confirm('Delete ' + current.id + '? It disappears from the storefront.')) return;
  const accepted = await api('/v1/admin/products/' + encodeURIComponent(current.id), { method: 'DELETE', headers: { 'If-Match': '"' + current.version + '"' } });
  say('Deleted ' + current.id + ' (version ' + accepted.version + ').');
  $('edit').hidden = true;
  void refreshEvents();
}

function showSimulation(status) {
  const p = status.published;
  $('sim-status').textContent = (status.running ? 'Running' : 'Stopped') + (status.options ? ' at ' + status.options.rate + '/s' : '') +
    ' — ' + p.total + ' changes (price ' + p.price + ', out of stock ' + p.stock_out + ', restock ' + p.restock + ', new ' + p.new +
    ', deleted ' + p.delete + ', burst ' + p.burst + '), ' + status.achievedRate + '/s achieved.';
  $('sim-start').disabled = status.running;
  $('sim-stop').disabled = !status.running;
}

async function refreshEvents() {
  if (!sessionStorage.getItem(TOKEN_KEY)) return;
  const [events, sim] = await Promise.all([api('/v1/admin/events?limit=25'), api('/v1/admin/simulation')]);
  $('events-summary').textContent = events.products.live + ' live products, ' + events.pending + ' events waiting for Pub/Sub' +
    (events.relay.failures > 0 ? ' — Pub/Sub unreachable, retrying (' + events.relay.failures + ' failures)' : '') + '.';
  const tbody = $('events').querySelector('tbody');
  tbody.replaceChildren(...events.items.map((e) => {
    const tr = document.createElement('tr');
    const published = e.publishedAt ? new Date(e.publishedAt).toLocaleTimeString() : 'pending';
    tr.append(cell(String(e.seq), 'num'), cell(e.type), cell(e.productId), cell(String(e.version), 'num'), cell(new Date(e.occurredAt).toLocaleTimeString()), cell(published, e.publishedAt ? '' : 'pending'));
    return tr;
  }));
  showSimulation(sim);
}

/** Run an action, reporting its failure in the status line instead of an uncaught rejection. */
export const guard = (fn) => async (event) => {
  if (event) event.preventDefault();
  try {
    await fn();
  } catch (err) {
    say(err instanceof Error ? err.message : String(err), true);
  }
};

function startPolling() {
  clearInterval(eventsTimer);
  eventsTimer = setInterval(() => void refreshEvents().catch(() => undefined), 2000);
  void guard(refreshEvents)();
}

$('token-form').addEventListener('submit', guard(async () => {
  sessionStorage.setItem(TOKEN_KEY, $('token').value);
  $('token').value = '';
  await api('/v1/admin/events?limit=1');
  say('Token accepted.');
  startPolling();
}));
$('forget-token').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  clearInterval(eventsTimer);
  say('Token forgotten.');
});
$('find-form').addEventListener('submit', guard(() => find(false)));
$('more').addEventListener('click', guard(() => find(true)));
$('edit-form').addEventListener('submit', guard(save));
$('delete').addEventListener('click', guard(remove));
$('sim-form').addEventListener('submit', guard(async () => {
  const body = { rate: Number($('sim-rate').value), durationSeconds: Number($('sim-duration').value), seed: Date.now() % 100000 };
  showSimulation(await api('/v1/admin/simulation/start', { method: 'POST', body: JSON.stringify(body) }));
  say('Simulation started.');
}));
$('sim-stop').addEventListener('click', guard(async () => {
  showSimulation(await api('/v1/admin/simulation/stop', { method: 'POST' }));
  say('Simulation stopped.');
}));

if (sessionStorage.getItem(TOKEN_KEY)) startPolling();
else say('Enter the admin token to start.');
