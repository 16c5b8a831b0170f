/**
 * Model versions in the database: listing, the active version per category, a run's candidates,
 * activation (pin / roll back), loading a version for serving whatever its family (kept in memory per
 * version id, so any instance can serve any version from Postgres), and importing the versions
 * `npm run train` stored under DATA_DIR/models.
 */
import type { ModelVersion as ModelVersionRow, PrismaClient } from '../../generated/prisma/client.js';
import { toDbDay } from '../../db/day.js';
import { loadServingModel, type ServingModel } from '../../ml/families/serving-model.js';
import { deserializeBundle, serializeBundle } from '../../ml/model-bundle.js';
import { addMissingOnnx, loadBundleFromFolder } from '../../ml/model-folder.js';
import { listStoredVersions } from '../../ml/model-store.js';
import type { ServingEngine } from '../../ml/onnx/serving-engine.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  family: true,
  champion: true,
  backtest: true,
  fitSeconds: true,
  fallback: true,
} as const;

/** Loaded models kept per version; versions are immutable, so entries never go stale. */
const MAX_CACHED_MODELS = 32;

export class ModelVersionsService {
  private readonly models = new Map<string, Promise<ServingModel>>();

  constructor(
    private readonly prisma: PrismaClient,
    /** What runs CNN-LSTM forward passes (config `serving.engine`). */
    private readonly engine: ServingEngine = 'auto',
  ) {}

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

  /** The version a run activated (its champion), or null. */
  byRun(runId: string): Promise<ModelVersionSummary | null> {
    return this.prisma.modelVersion.findFirst({
      where: { runId },
      orderBy: [{ champion: 'desc' }, { createdAt: 'asc' }],
      select: SUMMARY,
    });
  }

  /** Every version a run produced (its candidates), best backtest first. */
  async candidates(runId: string): Promise<ModelVersionSummary[]> {
    const rows = await this.prisma.modelVersion.findMany({ where: { runId }, select: SUMMARY });
    const mase = (r: ModelVersionSummary) =>
      (r.backtest as { mase?: number | null } | null)?.mase ?? Infinity;
    return rows.sort((a, b) => Number(b.champion) - Number(a.champion) || mase(a) - mase(b));
  }

  /**
   * Makes a version the active one of its category (pin, or roll back to an older one).
   * @returns the version, or null when there is none with that id.
   */
  async activate(id: string): Promise<ModelVersionSummary | null> {
    if (!UUID.test(id)) return null;
    const target = await this.prisma.modelVersion.findUnique({ where: { id }, select: { category: true } });
    if (!target) return null;
    // Deactivate first: the partial unique index allows one active version per category at any moment.
    await this.prisma.$transaction([
      this.prisma.modelVersion.updateMany({
        where: { category: target.category, active: true, NOT: { id } },
        data: { active: false },
      }),
      this.prisma.modelVersion.update({ where: { id }, data: { active: true } }),
    ]);
    return this.prisma.modelVersion.findUnique({ where: { id }, select: SUMMARY });
  }

  async plot(id: string): Promise<Uint8Array | null> {
    const row = await this.prisma.modelVersion
      .findUnique({ where: { id }, select: { plotPng: true } })
      .catch(() => null);
    return row?.plotPng ?? null;
  }

  /** A version ready to forecast, loaded once per process. @throws when the version does not exist. */
  load(id: string): Promise<ServingModel> {
    let entry = this.models.get(id);
    if (!entry) {
      entry = this.loadFromDatabase(id);
      entry.catch(() => this.models.delete(id));
      this.models.set(id, entry);
      if (this.models.size > MAX_CACHED_MODELS) void this.evictOldest();
    }
    return entry;
  }

  private async loadFromDatabase(id: string): Promise<ServingModel> {
    const row = await this.prisma.modelVersion.findUniqueOrThrow({
      where: { id },
      select: { artifact: true },
    });
    return loadServingModel(deserializeBundle(row.artifact), this.engine);
  }

  private async evictOldest(): Promise<void> {
    const [oldest] = this.models.keys();
    if (!oldest) return;
    const entry = this.models.get(oldest);
    this.models.delete(oldest);
    (await entry?.catch(() => undefined))?.dispose();
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
      await addMissingOnnx(bundle, stored.dir);
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
            model: meta.family ?? 'CNN_LSTM',
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
            modelVersions: {
              create: {
                id: meta.id,
                category: meta.category,
                createdAt: finishedAt,
                active: activate,
                family: meta.family ?? 'CNN_LSTM',
                backtest: (meta.backtest ?? undefined) as object | undefined,
                fitSeconds: meta.fitSeconds ?? null,
                fallback: meta.fallback ?? null,
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
