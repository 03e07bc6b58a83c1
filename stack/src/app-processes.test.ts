import { describe, expect, it } from 'vitest';
import { noticeOf } from './app-processes';

describe('noticeOf: what of a child process output reaches the terminal', () => {
  it.each([
    ['{"level":30,"msg":"indexer listening","port":4100}', undefined],
    ['{"level":40,"msg":"holding messages until Elasticsearch is healthy"}', { level: 'warn', message: 'holding messages until Elasticsearch is healthy' }],
    ['{"level":50,"msg":"bulk failed","err":{"message":"socket hang up","stack":"…"}}', { level: 'error', message: 'bulk failed: socket hang up' }],
    ['{"level":60,"msg":"indexer could not start"}', { level: 'error', message: 'indexer could not start' }],
    ['indexer failed: listen EADDRINUSE: address already in use :::4100', { level: 'error', message: 'indexer failed: listen EADDRINUSE: address already in use :::4100' }],
    ['{"not":"a log line"}', undefined],
    ['   ', undefined],
  ])('%s', (line, notice) => expect(noticeOf(line)).toEqual(notice));
});
