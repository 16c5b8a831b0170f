/**
 * `serverInfo`: the package version, the TF.js backend, the engine serving CNN-LSTM forecasts, the database kind and
 * whether MLflow is enabled and answering (probed at most every 10 s, so the query stays cheap), with the
 * MLflow sync's pending writes and ongoing outage.
 */
import { createRequire } from 'node:module';
import type { Config } from '../../config/load-config.js';
import type { MlflowSyncStatus } from '../../tracking/mlflow-sync.js';
import type { ServerInfo } from './server-info.type.js';

const PROBE_TTL_MS = 10_000;
const VERSION = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

export class ServerInfoService {
  private probe?: { at: number; reachable: Promise<boolean> };

  constructor(
    private readonly config: Config,
    private readonly facts: {
      tfBackend: string;
      database: 'embedded' | 'postgres';
      /** What serves CNN-LSTM forecasts (asked when first needed: loading ONNX Runtime costs start-up time). */
      servingEngine?: () => Promise<string>;
    },
    private readonly pingMlflow: () => Promise<boolean> = async () => false,
    private readonly syncStatus?: () => Promise<MlflowSyncStatus>,
  ) {}

  async info(): Promise<ServerInfo> {
    const { mlflow } = this.config;
    const sync = this.syncStatus && (await this.syncStatus().catch(() => undefined));
    return {
      version: VERSION,
      tfBackend: this.facts.tfBackend,
      servingEngine: (await this.facts.servingEngine?.()) ?? 'tfjs',
      database: this.facts.database,
      graphqlPath: this.config.api.path,
      mlflow: {
        enabled: mlflow.enabled,
        reachable: mlflow.enabled ? await this.mlflowReachable() : false,
        trackingUri: mlflow.trackingUri ?? null,
        // Unknown (null) when the count could not be read, e.g. while the database is away.
        pendingWrites: this.syncStatus ? (sync?.pending ?? null) : 0,
        unreachableSince: sync?.unreachableSince ?? null,
        lastError: sync?.lastError ?? null,
      },
    };
  }

  private mlflowReachable(): Promise<boolean> {
    if (!this.probe || Date.now() - this.probe.at > PROBE_TTL_MS) {
      this.probe = { at: Date.now(), reachable: this.pingMlflow().catch(() => false) };
    }
    return this.probe.reachable;
  }
}
