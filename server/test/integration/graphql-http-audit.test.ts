import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditServer, type AuditResult } from 'graphql-http';
import { startTestServer, type TestServer } from '../utils/start-test-server.js';

/**
 * SHOULD audits we knowingly do not pass, with the reason (the closing note repeats them). Empty means
 * every SHOULD passes; a new failure not listed here fails the test.
 */
const ACCEPTED_SHOULD_FAILURES: Record<string, string> = {};

describe('GraphQL over HTTP conformance (graphql-http audits)', () => {
  let server: TestServer;
  let results: AuditResult[];

  beforeAll(async () => {
    server = await startTestServer();
    results = await auditServer({ url: server.graphqlUrl });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('should pass every MUST audit', () => {
    const failed = results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok');
    expect(failed.map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`)).toEqual([]);
  });

  it('should pass every SHOULD audit or have a documented reason not to', () => {
    const failed = results.filter(
      (r) => r.name.startsWith('SHOULD') && r.status !== 'ok' && !ACCEPTED_SHOULD_FAILURES[r.id],
    );
    expect(failed.map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`)).toEqual([]);
  });

  it('should have run the audits against the live server', () => {
    expect(results.length).toBeGreaterThan(20);
  });
});
