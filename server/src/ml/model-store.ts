/**
 * Where the CLI keeps model versions: `<DATA_DIR>/models/<category>/<createdAt>_<id>/` (see
 * `model-folder.ts` for the files). The newest folder of a category is its active version for the CLI's
 * `predict`; the API server imports these folders into Postgres at start-up, so versions trained with
 * `npm run train` are served by `npm start`. File system only; no database here.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ModelVersionBundle } from './model-bundle.js';
import { addMissingOnnx, loadBundleFromFolder, saveBundleToFolder } from './model-folder.js';

/** A stored version's location. */
export interface StoredVersion {
  category: string;
  id: string;
  dir: string;
}

/** The models root under a data directory. */
export function modelsRoot(dataDir: string): string {
  return path.join(dataDir, 'models');
}

// Category names are user data: keep them readable but safe as one path segment.
function categoryDir(dataDir: string, category: string): string {
  return path.join(modelsRoot(dataDir), encodeURIComponent(category));
}

/** Saves a version; returns its folder. */
export async function storeVersion(dataDir: string, bundle: ModelVersionBundle): Promise<StoredVersion> {
  const stamp = bundle.meta.createdAt.replace(/[:.]/g, '-');
  const dir = path.join(categoryDir(dataDir, bundle.meta.category), `${stamp}_${bundle.meta.id}`);
  await saveBundleToFolder(bundle, dir);
  return { category: bundle.meta.category, id: bundle.meta.id, dir };
}

/** Every stored version, oldest first per category (folder names sort by creation time). */
export async function listStoredVersions(dataDir: string): Promise<StoredVersion[]> {
  const root = modelsRoot(dataDir);
  const categories = await fs.readdir(root).catch(() => [] as string[]);
  const versions: StoredVersion[] = [];
  for (const encoded of categories.sort()) {
    const folders = (await fs.readdir(path.join(root, encoded)).catch(() => [] as string[])).sort();
    for (const folder of folders) {
      const id = folder.split('_').at(-1) ?? folder;
      versions.push({ category: decodeURIComponent(encoded), id, dir: path.join(root, encoded, folder) });
    }
  }
  return versions;
}

/** The newest version of a category (its `model.onnx` added if it predates them), or null when none was trained. */
export async function loadLatestVersion(
  dataDir: string,
  category: string,
): Promise<ModelVersionBundle | null> {
  const versions = (await listStoredVersions(dataDir)).filter((v) => v.category === category);
  const latest = versions.at(-1);
  if (!latest) return null;
  const bundle = await loadBundleFromFolder(latest.dir);
  await addMissingOnnx(bundle, latest.dir);
  return bundle;
}
