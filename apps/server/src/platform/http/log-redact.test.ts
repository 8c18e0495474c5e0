import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import Fastify from 'fastify';
import { maskUrlTokens, requestLogSerializer } from './log-redact.ts';

test('the access log keeps the route but not the token of survey and stock-take links', async () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  // The same logger options as buildApp, writing to a captured stream.
  const app = Fastify({ logger: { level: 'info', stream, serializers: { req: requestLogSerializer } } });
  app.get('/api/v1/survey-responses/:token', async () => ({ ok: true }));
  app.get('/api/v1/stocktake-checklists/:token', async () => ({ ok: true }));
  const survey = 'sv_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
  const checklist = 'st_0a1b2c3d4e5f60718293a4b5c6d7e8f9';
  assert.equal((await app.inject({ url: `/api/v1/survey-responses/${survey}?lang=en` })).statusCode, 200);
  assert.equal((await app.inject({ url: `/api/v1/stocktake-checklists/${checklist}` })).statusCode, 200);
  await app.close();
  const log = lines.join('');
  assert.ok(log.includes('/api/v1/survey-responses/[token]?lang=en'), 'the route is still recognisable');
  assert.ok(!log.includes(survey), 'no survey token in the log');
  assert.ok(!log.includes(checklist), 'no checklist token in the log');
});

test('maskUrlTokens leaves other URLs alone and masks token query parameters', () => {
  assert.equal(maskUrlTokens('/api/v1/tickets/123?q=abc'), '/api/v1/tickets/123?q=abc');
  assert.equal(maskUrlTokens('/api/v1/survey-responses/abcdefgh/x'), '/api/v1/survey-responses/[token]/x');
  assert.equal(maskUrlTokens('/reset?token=secretsecret&x=1'), '/reset?token=[token]&x=1');
});
