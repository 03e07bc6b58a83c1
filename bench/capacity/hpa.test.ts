import { describe, expect, it } from 'vitest';
import type { Behavior } from '../../deploy/render/policies';
import { desiredForAverageValue, desiredForUtilization, emptyMemory, hpaSync, limitScale, stabilize } from './hpa';

const behavior: Behavior = {
  scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }, { type: 'Pods', value: 4, periodSeconds: 15 }] },
  scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] },
};
const bounds = { min: 2, max: 8 };

describe('replica calculation', () => {
  it.each([
    [2, 100_000, 44_280, 3],
    [2, 2 * 44_280 * 1.05, 44_280, 2], // within the 10 % tolerance: unchanged
    [3, 0, 44_280, 0],
    [2, 150, 60, 3], // an age of 150 s against 60 s
  ])('AverageValue: %i replicas, metric %d, target %d → %i', (current, total, target, expected) => {
    expect(desiredForAverageValue(current, total, target)).toBe(expected);
  });

  it.each([
    [4, 4, 90, 60, 6],
    [4, 4, 62, 60, 4],
    [6, 6, 20, 60, 2],
  ])('Utilization: %i replicas (%i ready) at %d %% for %d %% → %i', (current, ready, util, target, expected) => {
    expect(desiredForUtilization(current, ready, util, target)).toBe(expected);
  });
});

describe('behavior', () => {
  it('scales down only to the highest recommendation of the window, and up at once', () => {
    const memory = { recommendations: [{ at: 0, replicas: 8 }, { at: 200, replicas: 3 }], events: [] };
    expect(stabilize(memory, 250, 8, 2, behavior)).toBe(8);
    expect(stabilize(memory, 301, 8, 2, behavior)).toBe(3);
    expect(stabilize(memory, 250, 2, 6, behavior)).toBe(6);
  });

  it('limits a step up to ×2 or +4 per 15 s, whichever is more', () => {
    expect(limitScale(emptyMemory(), 0, 2, 50, behavior, { min: 2, max: 100 })).toBe(6);
    expect(limitScale(emptyMemory(), 0, 10, 50, behavior, { min: 2, max: 100 })).toBe(20);
    const justScaled = { recommendations: [], events: [{ at: 0, change: 4 }] };
    expect(limitScale(justScaled, 10, 6, 50, behavior, { min: 2, max: 100 })).toBe(6);
    expect(limitScale(justScaled, 16, 6, 50, behavior, { min: 2, max: 100 })).toBe(12);
  });

  it('limits a step down to half per minute, truncating like the controller', () => {
    expect(limitScale(emptyMemory(), 0, 8, 2, behavior, bounds)).toBe(4);
    const down = { recommendations: [], events: [{ at: 0, change: -4 }] };
    expect(limitScale(down, 30, 4, 2, behavior, bounds)).toBe(4);
    expect(limitScale(down, 61, 4, 2, behavior, bounds)).toBe(2);
    const twenty = { ...behavior, scaleDown: { ...behavior.scaleDown, policies: [{ type: 'Percent' as const, value: 20, periodSeconds: 60 }] } };
    expect(limitScale(emptyMemory(), 0, 4, 3, twenty, { min: 3, max: 30 })).toBe(3);
  });

  it('keeps the replicas within min and max', () => {
    expect(hpaSync(emptyMemory(), 0, 2, 40, behavior, bounds).replicas).toBe(6);
    expect(hpaSync(emptyMemory(), 0, 6, 40, behavior, bounds).replicas).toBe(8);
    expect(hpaSync(emptyMemory(), 0, 2, 0, behavior, bounds).replicas).toBe(2);
  });
});
