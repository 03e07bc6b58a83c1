/* global document, window, fetch, history, location, URLSearchParams, setTimeout, clearTimeout */
// Storefront: plain ES module over the public search API. The URL holds the whole search state (shareable,
// back button works); responses that arrive after a newer request are dropped.
const $ = (id) => document.getElementById(id);
const SEP = ' > ';
const money = (value, currency) => new Intl.NumberFormat('en-US', { style: 'currency', currency: currency || 'USD' }).format(value);
let state = readState();
let searchSeq = 0;
let suggestSeq = 0;
let suggestTimer;
let active = -1;

function readState() {
  const p = new URLSearchParams(location.search);
  const attr = {};
  for (const [key, value] of p) if (key.startsWith('attr.')) (attr[key.slice(5)] ||= []).push(value);
  return {
    q: p.get('q') || '', brand: p.getAll('brand'), category: p.getAll('category'), attr,
    price_min: p.get('price_min') || '', price_max: p.get('price_max') || '', rating_min: p.get('rating_min') || '',
    in_stock: p.get('in_stock') || '', sort: p.get('sort') || 'relevance', page: Number(p.get('page')) || 1, product: p.get('product') || '',
  };
}

function toParams(s, withProduct) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  s.brand.forEach((b) => p.append('brand', b));
  s.category.forEach((c) => p.append('category', c));
  for (const [name, values] of Object.entries(s.attr)) values.forEach((v) => p.append('attr.' + name, v));
  for (const key of ['price_min', 'price_max', 'rating_min', 'in_stock']) if (s[key] !== '') p.set(key, s[key]);
  if (s.sort !== 'relevance') p.set('sort', s.sort);
  if (s.page > 1) p.set('page', String(s.page));
  if (withProduct && s.product) p.set('product', s.product);
  return p;
}

function navigate(changes, resetPage = true) {
  state = { ...state, ...changes, ...(resetPage ? { page: 1 } : {}) };
  history.pushState(null, '', '?' + toParams(state, true));
  void search();
}

async function getJson(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = (res.headers.get('content-type') || '').includes('json') ? await res.json() : undefined;
  if (!res.ok) throw new Error(body && body.detail ? body.detail : 'The search service answered ' + res.status);
  return body;
}

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  node.append(...children.filter((c) => c !== undefined && c !== null));
  return node;
}

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&#x2F;': '/' };
const decode = (text) => text.replace(/&(amp|lt|gt|quot|#39|#x27|#x2F);/g, (m) => ENTITIES[m]);

/** Highlights come as text with <em>…</em> (maybe HTML-encoded): only those tags become elements, never markup. */
function highlighted(fragment) {
  const span = el('span');
  fragment.split(/(<\/?(?:em|mark)>)/).reduce((open, part) => {
    if (/^<(em|mark)>$/.test(part)) return true;
    if (/^<\/(em|mark)>$/.test(part)) return false;
    if (part) span.append(open ? el('mark', {}, decode(part)) : decode(part));
    return open;
  }, false);
  return span;
}

function thumb(hit) {
  const hue = [...hit.brand].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 360, 7);
  const box = el('div', { className: 'thumb', ariaHidden: 'true' }, hit.brand.slice(0, 2).toUpperCase());
  box.style.background = 'hsl(' + hue + ' 45% 42%)';
  if (hit.imageUrl) {
    const img = el('img', { src: hit.imageUrl, alt: '', loading: 'lazy' });
    img.addEventListener('error', () => img.remove());
    box.replaceChildren(img);
    img.addEventListener('error', () => box.append(hit.brand.slice(0, 2).toUpperCase()));
  }
  return box;
}

function renderHits(result) {
  $('hits').replaceChildren(...result.hits.map((hit) => {
    const title = el('button', { type: 'button', className: 'title' }, hit.highlight && hit.highlight.title ? highlighted(hit.highlight.title) : hit.title);
    title.addEventListener('click', () => openDetail(hit.id));
    const stock = hit.inStock ? el('span', { className: 'stock-in' }, 'In stock') : el('span', { className: 'stock-out' }, 'Sold out');
    return el('li', { className: 'hit' }, thumb(hit), title,
      el('span', { className: 'meta' }, hit.brand + ' · ' + hit.categories.join(SEP)),
      el('span', { className: 'price' }, money(hit.price, hit.currency)),
      el('span', { className: 'meta' }, (hit.reviewCount > 0 ? '★ ' + hit.rating.toFixed(1) + ' (' + hit.reviewCount + ' reviews) · ' : 'No reviews yet · '), stock));
  }));
  const from = result.total === 0 ? 0 : (result.page - 1) * result.perPage + 1;
  $('summary').textContent = result.total === 0
    ? 'No products found' + (state.q ? ' for “' + state.q + '”' : '') + '.'
    : from + '–' + (from + result.hits.length - 1) + ' of ' + result.total.toLocaleString('en-US') + ' products' + (state.q ? ' for “' + state.q + '”' : '') +
      ' (' + result.tookMs + ' ms' + (result.cached ? ', cached' : '') + ')';
}

function option(type, name, checked, label, count, onChange, depth) {
  const input = el('input', { type, name, checked });
  input.addEventListener('change', () => onChange(input.checked));
  return el('label', { className: depth ? 'depth-' + depth : '' }, input, el('span', {}, label), el('span', { className: 'count' }, count === undefined ? '' : String(count)));
}

const toggle = (list, value, on) => (on ? [...new Set([...list, value])] : list.filter((v) => v !== value));

function facetGroup(legend, options) {
  return options.length === 0 ? undefined : el('fieldset', {}, el('legend', {}, legend), ...options);
}

function renderFacets(f) {
  const groups = [
    facetGroup('Category', f.category.map((b) => option('checkbox', 'category', state.category.includes(b.value), b.value.split(SEP).pop(), b.count,
      (on) => navigate({ category: toggle(state.category, b.value, on) }), Math.min(3, b.value.split(SEP).length - 1)))),
    facetGroup('Brand', f.brand.map((b) => option('checkbox', 'brand', state.brand.includes(b.value), b.value, b.count, (on) => navigate({ brand: toggle(state.brand, b.value, on) })))),
    facetGroup('Price', [option('radio', 'price', state.price_min === '' && state.price_max === '', 'Any price', undefined, () => navigate({ price_min: '', price_max: '' })),
      ...f.price.filter((r) => r.count > 0 || String(r.from ?? '') === state.price_min).map((r) => option('radio', 'price', String(r.from ?? '') === state.price_min && String(r.to ?? '') === state.price_max,
        r.from === undefined ? 'Under ' + money(r.to) : r.to === undefined ? money(r.from) + ' and up' : money(r.from) + ' – ' + money(r.to), r.count,
        () => navigate({ price_min: r.from === undefined ? '' : String(r.from), price_max: r.to === undefined ? '' : String(r.to) })))]),
    facetGroup('Customer rating', [option('radio', 'rating', state.rating_min === '', 'Any rating', undefined, () => navigate({ rating_min: '' })),
      ...f.rating.map((r) => option('radio', 'rating', state.rating_min === String(r.min), r.min + '★ & up', r.count, () => navigate({ rating_min: String(r.min) })))]),
    facetGroup('Availability', f.inStock.filter((b) => b.value).map((b) => option('checkbox', 'in_stock', state.in_stock === 'true', 'In stock only', b.count, (on) => navigate({ in_stock: on ? 'true' : '' })))),
    ...Object.entries(f.attributes || {}).map(([name, buckets]) => facetGroup(name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
      buckets.map((b) => option('checkbox', 'attr.' + name, (state.attr[name] || []).includes(b.value), b.value, b.count,
        (on) => navigate({ attr: { ...state.attr, [name]: toggle(state.attr[name] || [], b.value, on) } }))))),
  ];
  $('facets').replaceChildren(...groups.filter(Boolean));
  const filtered = state.brand.length + state.category.length + Object.values(state.attr).flat().length > 0 || state.price_min || state.price_max || state.rating_min || state.in_stock;
  $('clear-filters').hidden = !filtered;
}

function renderPagination(result) {
  const pages = Math.min(result.totalPages, Math.floor(10000 / result.perPage));
  const nav = $('pagination');
  if (pages <= 1) return nav.replaceChildren();
  const button = (label, page, current, aria) => {
    const b = el('button', { type: 'button', disabled: page < 1 || page > pages }, label);
    if (current) b.setAttribute('aria-current', 'page');
    if (aria) b.setAttribute('aria-label', aria);
    b.addEventListener('click', () => { navigate({ page }, false); $('results').focus(); });
    return b;
  };
  const first = Math.max(1, Math.min(result.page - 2, pages - 4));
  const numbers = [];
  for (let p = first; p <= Math.min(pages, first + 4); p++) numbers.push(button(String(p), p, p === result.page, 'Page ' + p));
  nav.replaceChildren(button('‹ Previous', result.page - 1, false, 'Previous page'), ...numbers, button('Next ›', result.page + 1, false, 'Next page'));
}

async function search() {
  const seq = ++searchSeq;
  $('q').value = state.q;
  $('sort').value = state.sort;
  try {
    const result = await getJson('/v1/products/search?' + toParams(state, false) + '&per_page=24');
    if (seq !== searchSeq) return;
    renderHits(result);
    renderFacets(result.facets);
    renderPagination(result);
  } catch (err) {
    if (seq === searchSeq) $('summary').textContent = 'Search failed: ' + err.message;
  }
  if (state.product && !$('detail').open) void openDetail(state.product, false);
}

async function openDetail(id, push = true) {
  if (push) { state = { ...state, product: id }; history.pushState(null, '', '?' + toParams(state, true)); }
  const body = $('detail-body');
  body.replaceChildren(el('p', {}, 'Loading…'));
  if (!$('detail').open) $('detail').showModal();
  try {
    const p = await getJson('/v1/products/' + encodeURIComponent(id));
    const rows = Object.entries(p.attributes || {}).map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, k.replace(/_/g, ' ')), el('td', {}, v)));
    body.replaceChildren(
      el('h2', { id: 'detail-title' }, p.title),
      el('p', { className: 'meta' }, p.brand + ' · ' + p.categories.join(SEP) + ' · SKU ' + p.id),
      el('p', { className: 'price' }, money(p.price, p.currency)),
      el('p', {}, p.inStock ? el('span', { className: 'stock-in' }, p.stock + ' in stock') : el('span', { className: 'stock-out' }, 'Sold out')),
      el('p', { className: 'meta' }, p.reviewCount > 0 ? '★ ' + p.rating.toFixed(1) + ' from ' + p.reviewCount + ' reviews' : 'No reviews yet'),
      el('p', {}, p.description || ''),
      rows.length ? el('table', {}, el('caption', { className: 'sr-only' }, 'Specifications'), el('tbody', {}, ...rows)) : undefined);
  } catch (err) {
    body.replaceChildren(el('h2', { id: 'detail-title' }, 'Product unavailable'), el('p', {}, err.message));
  }
}

function closeSuggestions() {
  $('suggestions').hidden = true;
  $('q').setAttribute('aria-expanded', 'false');
  $('q').removeAttribute('aria-activedescendant');
  active = -1;
}

function choose(s) {
  closeSuggestions();
  if (s.type === 'product' && s.id) return void openDetail(s.id);
  if (s.type === 'brand') return navigate({ q: '', brand: [s.text] });
  if (s.type === 'category') return navigate({ q: '', category: [s.text] });
  navigate({ q: s.text });
}

async function suggest() {
  const q = $('q').value.trim();
  const seq = ++suggestSeq;
  if (!q) return closeSuggestions();
  try {
    const { suggestions } = await getJson('/v1/products/autocomplete?' + new URLSearchParams({ q, limit: '8' }));
    if (seq !== suggestSeq) return;
    const list = $('suggestions');
    list.replaceChildren(...suggestions.map((s, i) => {
      const li = el('li', { id: 'suggestion-' + i, role: 'option' }, el('span', {}, s.text), el('span', { className: 'kind' }, s.type));
      li.setAttribute('aria-selected', 'false');
      li.addEventListener('mousedown', (e) => { e.preventDefault(); choose(s); });
      li.suggestion = s;
      return li;
    }));
    list.hidden = suggestions.length === 0;
    $('q').setAttribute('aria-expanded', String(suggestions.length > 0));
    active = -1;
  } catch {
    closeSuggestions(); // autocomplete is a convenience: a failure must not get in the way of typing
  }
}

function move(delta) {
  const items = [...$('suggestions').children];
  if (items.length === 0 || $('suggestions').hidden) return;
  active = (active + delta + items.length) % items.length;
  items.forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
  $('q').setAttribute('aria-activedescendant', items[active].id);
}

$('q').addEventListener('input', () => { clearTimeout(suggestTimer); suggestTimer = setTimeout(suggest, 120); });
$('q').addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown') { e.preventDefault(); move(1); }
  else if (e.key === 'ArrowUp') { e.preventDefault(); move(-1); }
  else if (e.key === 'Escape') closeSuggestions();
  else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); choose($('suggestions').children[active].suggestion); }
});
$('q').addEventListener('blur', () => setTimeout(closeSuggestions, 100));
$('search-form').addEventListener('submit', (e) => { e.preventDefault(); closeSuggestions(); navigate({ q: $('q').value.trim() }); });
$('sort').addEventListener('change', () => navigate({ sort: $('sort').value }));
$('clear-filters').addEventListener('click', () => navigate({ brand: [], category: [], attr: {}, price_min: '', price_max: '', rating_min: '', in_stock: '' }));
$('detail').addEventListener('close', () => { if (state.product) { state = { ...state, product: '' }; history.pushState(null, '', '?' + toParams(state, true)); } });
window.addEventListener('popstate', () => { state = readState(); if (!state.product && $('detail').open) $('detail').close(); void search(); });
void search();
