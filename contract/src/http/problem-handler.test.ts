import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { problemHandler } from './problem-handler';

describe('problemHandler', () => {
  it('a malformed JSON body is a 400 problem naming (body), like every other 400 names its field', async () => {
    const app = new Hono();
    app.onError(problemHandler(pino({ level: 'silent' })));
    app.post('/', validator('json', (v) => v), (c) => c.text('ok'));
    const res = await app.request('/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['(body)']);
  });
});
