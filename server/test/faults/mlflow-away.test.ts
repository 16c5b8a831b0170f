import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeMlflowServer, type FakeMlflowServer } from '../utils/fake-mlflow-server.js';
import {
  createChildProject,
  startServerChild,
  stopServerChild,
  type ChildProject,
  type ServerChild,
} from '../utils/start-child.js';
import { gql, writeTestProject } from '../utils/start-test-server.js';
import type { TestDatabase } from '../utils/test-database.js';
import { waitForValue } from '../utils/wait-for.js';

// MLflow here is the repo's contract-checking fake (a real MLflow server cannot run on this machine).

type LogLine = { level: number; msg: string; stack?: string; err?: { stack?: string } };
type MlflowInfo = { pendingWrites: number | null; unreachableSince: string | null; lastError: string | null };

const INFO = '{ serverInfo { mlflow { enabled reachable pendingWrites unreachableSince lastError } } }';

describe('npm start with MLflow enabled but away', () => {
  let project: ChildProject;
  let db: TestDatabase;
  let mlflow: FakeMlflowServer;
  let server: ServerChild;

  beforeAll(async () => {
    project = await createChildProject('mlflow-away-', true);
    db = project.db;
    mlflow = await startFakeMlflowServer();
    await mlflow.setDown(true); // a new user's machine: nothing listens on the tracking URI
    server = await startServerChild({ ...project.env, MLFLOW_TRACKING_URI: mlflow.url });
  });
  afterAll(async () => {
    if (server) await stopServerChild(server);
    await mlflow?.stop();
    await project?.dispose();
  });

  const lines = () =>
    server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);
  const info = async () =>
    (await gql<{ serverInfo: { mlflow: MlflowInfo } }>(server, INFO)).data!.serverInfo.mlflow;
  const pendingMetric = async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    return Number(/^sales_forecast_mlflow_outbox_pending (\S+)$/m.exec(text)?.[1]);
  };

  it('should log the outage once, show it in serverInfo and /metrics, and log its end once', async () => {
    const res = await gql<{ train: { id: string }[] }>(
      server,
      'mutation { train(input: { categories: ["Beauty"], epochs: 3 }) { id } }',
    );
    const runId = res.data!.train[0]!.id;
    await waitForValue(
      () => db.prisma.run.findUniqueOrThrow({ where: { id: runId } }),
      (r) => r.status === 'SUCCEEDED',
      { timeoutMs: 120_000, intervalMs: 200 },
    );
    await new Promise((r) => setTimeout(r, 4000)); // several retries of several rows

    const away = await info();
    expect(away.pendingWrites).toBeGreaterThan(0);
    expect(away.unreachableSince).not.toBeNull();
    expect(away.lastError).toMatch(/\S/);
    expect(await pendingMetric()).toBe(away.pendingWrites);
    const outage = lines().filter((l) => /^MLflow at .* unavailable/.test(l.msg));
    expect(outage).toHaveLength(1);
    expect(outage[0]!.level).toBe(40);
    // No warning or error carries a stack trace.
    expect(lines().filter((l) => l.level >= 40 && (l.stack || l.err?.stack))).toEqual([]);

    await mlflow.setDown(false);
    const back = await waitForValue(info, (m) => m.pendingWrites === 0, {
      timeoutMs: 90_000,
      intervalMs: 500,
    });
    expect(back).toMatchObject({ unreachableSince: null, lastError: null });
    expect(await pendingMetric()).toBe(0);
    expect(lines().filter((l) => /^MLflow at \S+ is back$/.test(l.msg))).toHaveLength(1);
    expect(lines().filter((l) => /^MLflow at .* unavailable/.test(l.msg))).toHaveLength(1);
  });
});

describe('log format of npm start', () => {
  it('should print lines for people on a terminal', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tty-logs-'));
    const configPath = writeTestProject(dir);
    const env: Record<string, string | undefined> = {
      ...process.env,
      CONFIG_PATH: configPath,
      DATA_DIR: path.join(dir, 'data'),
      PORT: '0',
      NODE_OPTIONS: '',
    };
    delete env.NODE_ENV;
    // `script` runs the server with a pseudo-terminal as its stdout, as in a developer's shell.
    const command = `${process.execPath} --import @swc-node/register/esm-register src/index.ts`;
    const tty = spawn('script', ['-qec', command, '/dev/null'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    tty.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    try {
      const url = await waitForValue(
        async () => /GraphQL API\s+(\S+)/.exec(out)?.[1],
        (u) => Boolean(u),
        { timeoutMs: 90_000, intervalMs: 100 },
      );
      await gql({ graphqlUrl: url! }, '{ __typename }'); // pino-http logs one INFO line
      await waitForValue(
        async () => out,
        (o) => /INFO/.test(o),
        { timeoutMs: 10_000 },
      );
      expect(out).toMatch(/\d\d:\d\d:\d\d\.\d{3}\] .*INFO.*:/);
      expect(out).not.toMatch(/\{"level"/);
    } finally {
      const exited = new Promise((r) => tty.once('exit', r));
      tty.kill('SIGTERM'); // script ends the session and the server with it
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
