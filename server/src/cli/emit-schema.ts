/**
 * `npm run schema:emit` writes server/schema.graphql from the resolvers; `npm run schema:check` fails
 * (exit 1, one line) when the committed file differs from what the code builds.
 */
import fs from 'node:fs';
import { printSchema } from 'graphql';
import { buildSchema, SCHEMA_FILE } from '../graphql/build-schema.js';

const check = process.argv.includes('--check');
const sdl = `${printSchema(await buildSchema())}\n`;
if (check) {
  const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
  if (committed !== sdl) {
    process.stderr.write(
      'error: server/schema.graphql is out of date: run npm run schema:emit and commit it\n',
    );
    process.exit(1);
  }
  process.stdout.write('server/schema.graphql is up to date\n');
} else {
  fs.writeFileSync(SCHEMA_FILE, sdl);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
