/**
 * Makes data/real/*.csv, real daily series in the platform's transaction format (one row per day and
 * series; `Total Amount` holds the day's value), from the npm package `vega-datasets` (BSD-3-Clause; the
 * data are U.S. Government works): daily flight departures of the five busiest origin airports in
 * January–June 2001 (U.S. Bureau of Transportation Statistics, flights-3m.parquet), and daily maximum
 * temperature and precipitation of Seattle and New York 2012–2015 (NOAA, weather.csv).
 * Usage: node scripts/real-data/make-real-series.mjs [<unpacked vega-datasets package dir>]
 * Without a directory it runs `npm pack vega-datasets@3.2.1` into a temporary folder first.
 */
import { execFileSync } from 'node:child_process';
import process from 'node:process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

const VERSION = '3.2.1';
const HEADER =
  'Transaction ID,Date,Customer ID,Gender,Age,Product Category,Quantity,Price per Unit,Total Amount';
const OUT = path.resolve(import.meta.dirname, '../../data/real');

function packageDir() {
  if (process.argv[2]) return path.resolve(process.argv[2]);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vega-datasets-'));
  execFileSync('npm', ['pack', `vega-datasets@${VERSION}`, '--silent'], {
    cwd: tmp,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const tgz = fs.readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  execFileSync('tar', ['xzf', tgz], { cwd: tmp });
  return path.join(tmp, 'package');
}

/** Rows of (date, series, value) → the CSV text, sorted by series then date. */
function toCsv(points) {
  points.sort((a, b) => a.series.localeCompare(b.series) || a.date.localeCompare(b.date));
  const lines = points.map((p, i) => `${i + 1},${p.date},,,,${p.series},1,${p.value},${p.value}`);
  return `${HEADER}\n${lines.join('\n')}\n`;
}

async function flights(dir) {
  const file = await asyncBufferFromFile(path.join(dir, 'data/flights-3m.parquet'));
  const rows = await parquetReadObjects({ file, columns: ['date', 'origin'], compressors });
  const perAirport = new Map();
  const perDay = new Map();
  for (const { date, origin } of rows) {
    perAirport.set(origin, (perAirport.get(origin) ?? 0) + 1);
    const key = `${date.toISOString().slice(0, 10)}|${origin}`;
    perDay.set(key, (perDay.get(key) ?? 0) + 1);
  }
  const top = [...perAirport]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([airport]) => airport);
  const points = [...perDay]
    .map(([key, value]) => ({ date: key.split('|')[0], series: key.split('|')[1], value }))
    // The file's last day (2001-07-01) holds only its first minutes: drop it.
    .filter((p) => top.includes(p.series) && p.date < '2001-07-01');
  return toCsv(points);
}

function weather(dir) {
  const [, ...lines] = fs.readFileSync(path.join(dir, 'data/weather.csv'), 'utf8').trim().split('\n');
  const points = lines.flatMap((line) => {
    const [location, date, precipitation, tempMax] = line.split(',');
    return [
      { date, series: `${location} temp_max`, value: Number(tempMax) },
      { date, series: `${location} precipitation`, value: Number(precipitation) },
    ];
  });
  return toCsv(points);
}

const dir = packageDir();
fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(path.join(OUT, 'flights_2001.csv'), await flights(dir));
fs.writeFileSync(path.join(OUT, 'weather_2012_2015.csv'), weather(dir));
process.stdout.write(
  `wrote ${OUT}/flights_2001.csv and weather_2012_2015.csv from vega-datasets in ${dir}\n`,
);
