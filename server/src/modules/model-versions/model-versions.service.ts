/**
 * Model versions in the database: listing, the active version per category, loading a version's TF.js
 * model (kept in memory per version id, so any instance can serve any version from Postgres), and importing
 * the versions `npm run train` stored under DATA_DIR/models.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ModelVersion as ModelVersionRow, PrismaClient } from '../../generated/prisma/client.js';
import { toDbDay } from '../../db/day.js';
import { deserializeBundle, serializeBundle, type ModelVersionMeta } from '../../ml/model-bundle.js';
import { loadBundleFromFolder } from '../../ml/model-folder.js';
import { ForecastBatcher } from '../../ml/forecast-batcher.js';
import { loadModel } from '../../ml/model-io.js';
import { listStoredVersions } from '../../ml/model-store.js';

export type ModelVersionSummary = Omit<ModelVersionRow, 'artifact' | 'plotPng'>;
const SUMMARY = {
  id: true,
  category: true,
  runId: true,
  createdAt: true,
  active: true,
  windowSize: true,
  tfBackend: true,
  dataLastDay: true,
  metrics: true,
  source: true,
  sourceKey: true,
} as const;

export interface LoadedModel {
  model: tf.LayersModel;
  meta: ModelVersionMeta;
  /** Shares forward passes between concurrent forecasts of this version. */
  batcher: ForecastBatcher;
}

/** Loaded models kept per version; versions are immutable, so entries never go stale. */
const MAX_CACHED_MODELS = 32;

export class ModelVersionsService {
  private readonly models = new Map<string, Promise<LoadedModel>>();

  constructor(private readonly prisma: PrismaClient) {}

  list(category: string): Promise<ModelVersionSummary[]> {
    return this.prisma.modelVersion.findMany({
      where: { category },
      orderBy: { createdAt: 'desc' },
      select: SUMMARY,
    });
  }

  active(category: string): Promise<ModelVersionSummary | null> {
    return this.prisma.modelVersion.findFirst({ where: { category, active: true }, select: SUMMARY });
  }

  /** The active versions of these categories, by category (one query). */
  async activeOf(categories: string[]): Promise<Map<string, ModelVersionSummary>> {
    if (categories.length === 0) return new Map();
    const rows = await this.prisma.modelVersion.findMany({
      where: { category: { in: categories }, active: true },
      select: SUMMARY,
    });
    return new Map(rows.map((row) => [row.category, row]));
  }

  byRun(runId: string): Promise<ModelVersionSummary | null> {
    return this.prisma.modelVersion.findUnique({ where: { runId }, select: SUMMARY });
  }

  async plot(id: string): Promise<Uint8Array | null> {
    const row = await this.prisma.modelVersion
      .findUnique({ where: { id }, select: { plotPng: true } })
      .catch(() => null);
    return row?.plotPng ?? null;
  }

  /** The TF.js model of a version, loaded once per process. @throws when the version does not exist. */
  load(id: string): Promise<LoadedModel> {
    let entry = this.models.get(id);
    if (!entry) {
      entry = this.loadFromDatabase(id);
      entry.catch(() => this.models.delete(id));
      this.models.set(id, entry);
      if (this.models.size > MAX_CACHED_MODELS) void this.evictOldest();
    }
    return entry;
  }

  private async loadFromDatabase(id: string): Promise<LoadedModel> {
    const row = await this.prisma.modelVersion.findUniqueOrThrow({
      where: { id },
      select: { artifact: true },
    });
    const { meta, model: artifacts } = deserializeBundle(row.artifact);
    const model = await loadModel(artifacts);
    return { model, meta, batcher: new ForecastBatcher(model, meta.normalization, meta.windowSize) };
  }

  private async evictOldest(): Promise<void> {
    const [oldest] = this.models.keys();
    if (!oldest) return;
    const entry = this.models.get(oldest);
    this.models.delete(oldest);
    (await entry?.catch(() => undefined))?.model.dispose();
  }

  /**
   * Fills `dataLastDay` of versions stored before the column existed, from their bundles' metadata.
   * @returns how many were filled.
   */
  async backfillDataLastDay(): Promise<number> {
    const rows = await this.prisma.modelVersion.findMany({
      where: { dataLastDay: null },
      select: { id: true },
    });
    for (const { id } of rows) {
      const { artifact } = await this.prisma.modelVersion.findUniqueOrThrow({
        where: { id },
        select: { artifact: true },
      });
      const lastDate = deserializeBundle(artifact).meta.dataset.lastDate;
      await this.prisma.modelVersion.update({ where: { id }, data: { dataLastDay: toDbDay(lastDate) } });
    }
    return rows.length;
  }

  /**
   * Imports versions trained by the CLI (DATA_DIR/models) that are not in the database yet; an imported
   * version becomes active when its category has no active version or an older one.
   * @returns how many versions were imported.
   */
  async importCliVersions(dataDir: string): Promise<number> {
    let imported = 0;
    for (const stored of await listStoredVersions(dataDir)) {
      const sourceKey = `cli:${stored.id}`;
      if (await this.prisma.modelVersion.findUnique({ where: { sourceKey }, select: { id: true } })) continue;
      const bundle = await loadBundleFromFolder(stored.dir);
      const current = await this.active(bundle.meta.category);
      const activate = !current || current.createdAt < new Date(bundle.meta.createdAt);
      const { meta } = bundle;
      const finishedAt = new Date(meta.createdAt);
      const totalMs = meta.epochs.reduce((sum, e) => sum + e.elapsedMs, 0);
      // A run row too, so the version has its run (ModelVersion.runId is non-null in the API) and the
      // run history shows CLI training with its epochs.
      await this.prisma.$transaction([
        ...(activate
          ? [
              this.prisma.modelVersion.updateMany({
                where: { category: meta.category, active: true },
                data: { active: false },
              }),
            ]
          : []),
        this.prisma.run.create({
          data: {
            category: meta.category,
            status: 'SUCCEEDED',
            experimentName: String(
              (meta.configSnapshot.training as { experimentName?: string } | undefined)?.experimentName ??
                'cli',
            ),
            hyperparameters: { ...meta.hyperparameters },
            dataset: meta.dataset.source,
            tfBackend: meta.tfBackend,
            totalEpochs: meta.hyperparameters.epochs,
            createdAt: finishedAt,
            startedAt: new Date(finishedAt.getTime() - totalMs),
            finishedAt,
            metrics: { ...meta.metrics },
            secondsPerEpoch: meta.epochs.length ? totalMs / 1000 / meta.epochs.length : null,
            mlflowSync: 'DISABLED',
            epochs: {
              create: meta.epochs.map((e) => ({
                epoch: e.epoch,
                trainLoss: e.trainLoss,
                valLoss: e.valLoss,
                elapsedMs: Math.round(e.elapsedMs),
              })),
            },
            modelVersion: {
              create: {
                id: meta.id,
                category: meta.category,
                createdAt: finishedAt,
                active: activate,
                windowSize: meta.windowSize,
                dataLastDay: toDbDay(meta.dataset.lastDate),
                tfBackend: meta.tfBackend,
                metrics: { ...meta.metrics, interval: { ...meta.interval } },
                artifact: new Uint8Array(serializeBundle(bundle)),
                plotPng: bundle.plotPng ? new Uint8Array(bundle.plotPng) : null,
                source: 'cli',
                sourceKey,
              },
            },
          },
        }),
      ]);
      imported++;
    }
    return imported;
  }
}
