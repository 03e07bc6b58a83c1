import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { ensureChromium } from './chromium';

const log = pino({ level: 'silent' });

describe('ensureChromium', () => {
  it('takes CHROMIUM_PATH when it is an executable', async () => {
    expect(await ensureChromium(log, { CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
  });

  it('refuses a CHROMIUM_PATH that is not one', async () => {
    await expect(ensureChromium(log, { CHROMIUM_PATH: '/nonexistent/chromium' })).rejects.toThrow(/CHROMIUM_PATH=\/nonexistent\/chromium is not an executable/);
  });
});
