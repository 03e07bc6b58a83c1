/* global document, CSS */
// Family cards of the storefront (issue 17): one card per product family (the page searches with `distinct`),
// swatches for the attributes that vary, the family's price range, and a chosen swatch shows its variant in the
// card without a new search. Pure model functions (unit-tested in storefront-card.test.ts) and DOM rendering with
// text nodes only: API text is never parsed as HTML.

/** Attribute names shown as colour chips (a dot in that colour before the label); other attributes are text chips. */
const COLOR_ATTRIBUTES = new Set(['color', 'colour']);

export const money = (value, currency) => new Intl.NumberFormat('en-US', { style: 'currency', currency: currency || 'USD' }).format(value);

/** A hit's variants, the representative first; a hit without family fields (`distinct` off) is its own only variant. */
export function hitVariants(hit) {
  if (Array.isArray(hit.variants) && hit.variants.length > 0) return hit.variants;
  return [{ id: hit.objectID, attributes: {}, price: hit.price, stock: hit.stock, inStock: hit.inStock, imageUrl: hit.imageUrl, matches: true }];
}

/** Swatch groups: each varying attribute with at least two values among the variants, names and values in first-seen order. */
export function swatchGroups(variants) {
  const groups = new Map();
  for (const v of variants) {
    for (const [name, value] of Object.entries(v.attributes || {})) {
      const values = groups.get(name) || [];
      if (!values.includes(value)) values.push(value);
      groups.set(name, values);
    }
  }
  return [...groups]
    .filter(([, values]) => values.length > 1)
    .map(([name, values]) => ({ name, kind: COLOR_ATTRIBUTES.has(name) ? 'color' : 'chip', values }));
}

/** "$X" when the prices agree, "$X–$Y" when they differ (the family's matching variants, else all of them). */
export function priceRangeText(hit, variants) {
  const prices = variants.map((v) => v.price);
  const min = hit.priceRange ? hit.priceRange.min : Math.min(...prices);
  const max = hit.priceRange ? hit.priceRange.max : Math.max(...prices);
  return min === max ? money(min, hit.currency) : `${money(min, hit.currency)}–${money(max, hit.currency)}`;
}

/**
 * The variant a swatch click selects: it has `name` = `value` and keeps as many of the current variant's other
 * attribute values as the family allows; ties go to a variant matching the search, then one in stock, then list order.
 */
export function chooseVariant(variants, current, name, value) {
  const score = (v) => {
    const kept = Object.entries(current.attributes || {}).filter(([n, x]) => n !== name && v.attributes[n] === x).length;
    return kept * 4 + (v.matches ? 2 : 0) + (v.inStock ? 1 : 0);
  };
  let best;
  for (const v of variants) {
    if ((v.attributes || {})[name] === value && (best === undefined || score(v) > score(best))) best = v;
  }
  return best || current;
}

/** State of one swatch for the current variant: pressed, and whether its combination with the other choices exists. */
export function swatchState(variants, current, name, value) {
  const others = Object.entries(current.attributes || {}).filter(([n]) => n !== name);
  const combination = variants.find((v) => (v.attributes || {})[name] === value && others.every(([n, x]) => v.attributes[n] === x));
  return { pressed: (current.attributes || {})[name] === value, available: combination !== undefined, inStock: combination ? combination.inStock : false };
}

/** What the card shows for a variant: the hit's own title for the representative (highlighted), else the variant's. */
export function variantView(hit, variant) {
  const representative = variant.id === hitVariants(hit)[0].id;
  const label = Object.entries(variant.attributes || {}).map(([n, x]) => `${n.replace(/_/g, ' ')}: ${x}`).join(' · ');
  return {
    id: variant.id,
    title: representative ? hit.title : variant.title || hit.title,
    highlighted: representative,
    label,
    price: money(variant.price, hit.currency),
    stock: variant.inStock ? (variant.stock > 0 ? `In stock (${variant.stock})` : 'In stock') : 'Sold out',
    inStock: variant.inStock,
    imageUrl: variant.imageUrl || (representative ? hit.imageUrl : undefined),
  };
}

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'", '&#x60;': '`' };

/** InstantSearch's escaped highlight (`&lt;` entities, `<mark>` tags) → text parts, marked or not. */
export function highlightParts(value) {
  const unescape = (s) => s.replace(/&(amp|lt|gt|quot|#39|#x27|#x60);/g, (e) => ENTITIES[e]);
  return value
    .split(/(<mark>[^<]*<\/mark>)/)
    .filter((s) => s !== '')
    .map((s) => (s.startsWith('<mark>') ? { text: unescape(s.slice(6, -7)), marked: true } : { text: unescape(s), marked: false }));
}

/** An element with DOM properties (`aria` for aria-* attributes) and children (strings become text nodes). */
const el = (tag, props, ...children) => {
  const { aria, ...rest } = props || {};
  const node = Object.assign(document.createElement(tag), rest);
  for (const [name, value] of Object.entries(aria || {})) node.setAttribute(`aria-${name}`, value);
  node.append(...children);
  return node;
};

function thumb(hit, imageUrl) {
  const hue = [...hit.brand].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 360, 7);
  const box = el('div', { className: 'thumb', aria: { hidden: 'true' } }, hit.brand.slice(0, 2).toUpperCase());
  // CSSOM, not a style attribute: the CSP allows no inline style.
  box.style.background = `hsl(${hue} 45% 42%)`;
  if (imageUrl) {
    const img = el('img', { src: imageUrl, alt: '', loading: 'lazy' });
    // The initials show when the image fails to load.
    img.addEventListener('error', () => img.remove());
    box.append(img);
  }
  return box;
}

function titleContent(hit, view) {
  const value = view.highlighted && hit._highlightResult && hit._highlightResult.title ? hit._highlightResult.title.value : undefined;
  if (value === undefined) return [view.title];
  return highlightParts(value).map((p) => (p.marked ? el('mark', { textContent: p.text }) : document.createTextNode(p.text)));
}

function swatchButton(group, value, state, onChoose) {
  const button = el('button', { type: 'button', className: `swatch swatch-${group.kind}`, aria: { pressed: String(state.pressed) } });
  button.dataset.attribute = group.name;
  button.dataset.value = value;
  if (group.kind === 'color') {
    const dot = el('span', { className: 'dot', aria: { hidden: 'true' } });
    dot.style.background = value;
    button.append(dot);
  }
  button.append(value);
  if (!state.available) button.classList.add('unavailable');
  else if (!state.inStock) button.classList.add('sold-out');
  if (!state.available || !state.inStock) button.append(el('span', { className: 'sr-only', textContent: state.available ? ' (sold out)' : ' (other options change)' }));
  button.addEventListener('click', () => onChoose(group.name, value));
  return button;
}

/**
 * One family card. `onOpen(variantId)` opens the chosen variant's detail; `onClick()` reports the click (Insights).
 * Choosing a swatch re-renders this card only, from the variants the hit already carries.
 */
export function familyCard(hit, { onOpen, onClick }) {
  const variants = hitVariants(hit);
  const groups = swatchGroups(variants);
  const card = el('article', { className: 'hit' });
  const render = (current) => {
    const view = variantView(hit, current);
    const title = el('button', { type: 'button', className: 'title' }, ...titleContent(hit, view));
    title.addEventListener('click', () => {
      onClick();
      onOpen(view.id);
    });
    const swatches = groups.map((group) =>
      el(
        'div',
        { className: 'swatches', role: 'group', aria: { label: group.name.replace(/_/g, ' ') } },
        ...group.values.map((value) =>
          swatchButton(group, value, swatchState(variants, current, group.name, value), (name, chosen) => {
            render(chooseVariant(variants, current, name, chosen));
            card.querySelector(`.swatch[data-attribute="${CSS.escape(name)}"][data-value="${CSS.escape(chosen)}"]`)?.focus();
          }),
        ),
      ),
    );
    const range = variants.length > 1 ? priceRangeText(hit, variants) : undefined;
    const options = hit.variantCount || variants.length;
    const reviews = hit.reviewCount > 0 ? `★ ${hit.rating.toFixed(1)} (${hit.reviewCount} reviews) · ` : 'No reviews yet · ';
    card.dataset.variantId = view.id;
    card.replaceChildren(
      thumb(hit, view.imageUrl),
      title,
      el('span', { className: 'meta' }, `${hit.brand} · ${Object.values(hit.categories || {}).at(-1) || ''}`),
      ...(view.label ? [el('span', { className: 'variant-label', textContent: view.label })] : []),
      el('span', { className: 'price', textContent: view.price }),
      ...(options > 1 ? [el('span', { className: 'price-range', textContent: range && range !== view.price ? `${options} options · ${range}` : `${options} options` })] : []),
      el('span', { className: 'meta' }, reviews, el('span', { className: view.inStock ? 'stock-in' : 'stock-out', textContent: view.stock })),
      el('span', { className: 'sku', textContent: `SKU ${view.id}` }),
      ...swatches,
    );
  };
  render(variants[0]);
  return card;
}
