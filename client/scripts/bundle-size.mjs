/**
 * First-load JavaScript per page of the last `next build`, from Next's own route bundle stats
 * (.next/diagnostics/route-bundle-stats.json: the chunks a first visit to the route loads), with the gzip
 * size of the same files (what travels when the server compresses). Next 16's build output no longer prints
 * "First Load JS". Usage: `npm run size -w client` (after `npm run build`); `--json` prints JSON.
 */
import console from 'node:console';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import zlib from 'node:zlib';

const dir = path.resolve(import.meta.dirname, '..');
const statsFile = path.join(dir, '.next/diagnostics/route-bundle-stats.json');
if (!fs.existsSync(statsFile)) {
  console.error('No build stats: run `npm run build` first.');
  process.exit(1);
}
const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const rows = stats
  .filter((s) => !s.route.startsWith('/_') && !s.route.startsWith('/api') && !s.route.startsWith('/plots'))
  .map((s) => {
    const files = s.firstLoadChunkPaths.map((p) => fs.readFileSync(path.join(dir, p)));
    const raw = files.reduce((sum, f) => sum + f.length, 0);
    const gzip = files.reduce((sum, f) => sum + zlib.gzipSync(f, { level: 9 }).length, 0);
    return { route: s.route, chunks: files.length, rawBytes: raw, gzipBytes: gzip };
  })
  .sort((a, b) => a.route.localeCompare(b.route));
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else {
  console.log('First-load JS per page (next build)');
  console.log(`${'route'.padEnd(14)}${'chunks'.padStart(7)}${'raw'.padStart(12)}${'gzip'.padStart(12)}`);
  for (const r of rows)
    console.log(
      `${r.route.padEnd(14)}${String(r.chunks).padStart(7)}${kb(r.rawBytes).padStart(12)}${kb(r.gzipBytes).padStart(12)}`,
    );
}
