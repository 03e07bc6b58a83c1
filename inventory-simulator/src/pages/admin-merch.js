/* global document, sessionStorage */
// Merchandising part of the inventory admin page: synonym sets and query rules (same API helper and token as admin.js).
import { api, guard, say } from './admin.js';

const $ = (id) => document.getElementById(id);
const list = (text) => text.split(',').map((t) => t.trim()).filter(Boolean);

function row(cells, onDelete, label) {
  const tr = document.createElement('tr');
  for (const text of cells) {
    const td = document.createElement('td');
    td.textContent = text;
    tr.append(td);
  }
  const td = document.createElement('td');
  const del = document.createElement('button');
  del.type = 'button';
  del.className = 'danger';
  del.textContent = 'Delete';
  del.setAttribute('aria-label', label);
  del.addEventListener('click', guard(onDelete));
  td.append(del);
  tr.append(td);
  return tr;
}

async function refreshSynonyms() {
  const { items } = await api('/v1/admin/synonyms');
  $('synonyms').querySelector('tbody').replaceChildren(
    ...items.map((s) =>
      row(
        [s.id, s.type, s.type === 'equivalent' ? s.terms.join(', ') : s.from.join(', ') + ' → ' + s.to.join(', '), String(s.version), s.updatedBy],
        async () => {
          await api('/v1/admin/synonyms/' + s.id, { method: 'DELETE', headers: { 'If-Match': '"' + s.version + '"' } });
          say('Deleted synonyms ' + s.id + '.');
          await refreshSynonyms();
        },
        'Delete synonyms ' + s.id,
      ),
    ),
  );
}

function describeRule(r) {
  const c = r.consequence;
  const parts = [];
  for (const p of c.pins || []) parts.push('pin ' + p.id + ' at ' + p.position);
  if (c.hide) parts.push('hide ' + c.hide.join(', '));
  if (c.boosts) parts.push(c.boosts.length + ' boost(s)');
  if (c.filter) parts.push('filter');
  if (c.query) parts.push('rewrite');
  if (c.redirect) parts.push('redirect ' + c.redirect);
  if (c.userData) parts.push('data ' + JSON.stringify(c.userData));
  return parts.join('; ');
}

async function refreshRules() {
  const { items } = await api('/v1/admin/rules');
  $('rules').querySelector('tbody').replaceChildren(
    ...items.map((r) =>
      row(
        [r.id, r.condition.anchoring + ' "' + r.condition.pattern + '"' + (r.condition.context ? ' in ' + r.condition.context : ''), describeRule(r), String(r.version), r.updatedBy],
        async () => {
          await api('/v1/admin/rules/' + r.id, { method: 'DELETE', headers: { 'If-Match': '"' + r.version + '"' } });
          say('Deleted rule ' + r.id + '.');
          await refreshRules();
        },
        'Delete rule ' + r.id,
      ),
    ),
  );
}

$('synonym-form').addEventListener('submit', guard(async () => {
  const id = $('synonym-id').value.trim();
  const terms = list($('synonym-terms').value);
  const body = $('synonym-type').value === 'equivalent' ? { type: 'equivalent', terms } : { type: 'one-way', from: terms, to: list($('synonym-to').value) };
  await api('/v1/admin/synonyms/' + id, { method: 'PUT', body: JSON.stringify(body) });
  say('Saved synonyms ' + id + '.');
  await refreshSynonyms();
}));

$('rule-form').addEventListener('submit', guard(async () => {
  const id = $('rule-id').value.trim();
  const consequence = {};
  const pin = $('rule-pin').value.trim();
  if (pin) consequence.pins = [{ id: pin, position: Number($('rule-position').value) }];
  const hide = list($('rule-hide').value);
  if (hide.length > 0) consequence.hide = hide;
  const banner = $('rule-banner').value.trim();
  if (banner) consequence.userData = { banner };
  const body = { condition: { anchoring: $('rule-anchoring').value, pattern: $('rule-pattern').value.trim() }, consequence };
  await api('/v1/admin/rules/' + id, { method: 'PUT', body: JSON.stringify(body) });
  say('Saved rule ' + id + '.');
  await refreshRules();
}));

$('token-form').addEventListener('submit', guard(async () => {
  // admin.js stores the token on the same submit; wait for it, then list.
  await Promise.resolve();
  if (sessionStorage.getItem('inventoryAdminToken')) await Promise.all([refreshSynonyms(), refreshRules()]);
}));
if (sessionStorage.getItem('inventoryAdminToken')) void guard(() => Promise.all([refreshSynonyms(), refreshRules()]))();
