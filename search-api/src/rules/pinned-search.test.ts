import { describe, expect, it } from 'vitest';
import { TYPO_TOLERANCE } from '../search/text-query';
import { pinnedHits, searchWithPins } from './pinned-search';
import { fakeRun, namedAnswer as answer, namedBody as body } from '../search/typo-fallback.test-helpers';

describe('searchWithPins: searches and pinned requests in one round trip', () => {
  it('sends the pinned requests with the searches as typed, and answers each search with its own pins', async () => {
    const { run, rounds } = fakeRun({ a: 500, b: 500, 'a-pins': 2 });
    const out = await searchWithPins([{ asTyped: body('a'), withTypos: body('a~'), pins: body('a-pins') }, { asTyped: body('b') }], run);
    expect(rounds).toEqual([['a', 'b', 'a-pins']]);
    expect(out).toEqual([
      { answer: answer(500, 'a'), pinned: answer(2, 'a-pins') },
      { answer: answer(500, 'b'), pinned: undefined },
    ]);
  });

  it('a thin search runs again with typos in a second round trip without its pins, and says what it matched as typed', async () => {
    const thin = TYPO_TOLERANCE.belowHits - 1;
    const { run, rounds } = fakeRun({ a: thin, 'a~': 40, 'a-pins': 0 });
    const [out] = await searchWithPins([{ asTyped: body('a'), withTypos: body('a~'), pins: body('a-pins') }], run);
    expect(rounds).toEqual([['a', 'a-pins'], ['a~']]);
    expect(out).toEqual({ answer: answer(40, 'a~'), pinned: answer(0, 'a-pins'), asTypedTotal: thin });
  });

  it('one search without pins is one body (a plain search)', async () => {
    const { run, rounds } = fakeRun({ a: 500 });
    await searchWithPins([{ asTyped: body('a') }], run);
    expect(rounds).toEqual([['a']]);
  });
});

describe('pinnedHits: pinned product id → its hit', () => {
  const plan = { pins: [{ id: 'P2', position: 1 }, { id: 'P9', position: 2 }, { id: 'P1', position: 3 }] };
  const docs = (...hits: { _id: string; _source: unknown }[]) => ({ hits: { hits } });
  const toHit = (source: unknown, pinId: string) => ({ source, pinId });

  it('flat: each pinned product the answer holds, in pin order; unknown or filtered-out pins are absent', () => {
    const pinned = pinnedHits(docs({ _id: 'P1', _source: { id: 'P1' } }, { _id: 'P2', _source: { id: 'P2' } }), plan, false, toHit);
    expect([...pinned.keys()]).toEqual(['P2', 'P1']);
    expect(pinned.get('P1')).toEqual({ source: { id: 'P1' }, pinId: 'P1' });
  });

  it('grouped: the family of the pinned product, once, at its first pin (represented by that pin)', () => {
    const family = { id: 'P1', memberIds: ['P1', 'P2'] };
    const pinned = pinnedHits(docs({ _id: 'F1', _source: family }), plan, true, toHit);
    expect([...pinned]).toEqual([['P2', { source: family, pinId: 'P2' }]]);
  });

  it('a document the mapper refuses (not a product) is skipped, so a later pin of its family can take the place', () => {
    const pinned = pinnedHits(docs({ _id: 'F1', _source: { memberIds: ['P1', 'P2'] } }), plan, true, (s, pinId) => (pinId === 'P2' ? undefined : toHit(s, pinId)));
    expect([...pinned.keys()]).toEqual(['P1']);
  });

  it('an answer that is not a search answer is an error, not an empty pin list', () => {
    expect(() => pinnedHits({ error: 'x' }, plan, false, toHit)).toThrow(/pinned products/);
  });
});
