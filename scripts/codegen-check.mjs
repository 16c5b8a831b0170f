/**
 * `npm run codegen:check`: fails (exit 1) when the committed typed documents are stale — generated code that
 * differs from what `npm run codegen` would write now (after Prettier, as the codegen hook formats it), a
 * missing generated file, or a `*.generated.ts` left behind by a deleted `.graphql` file. Writes nothing.
 * (`graphql-codegen --check` compares the unformatted output with the formatted files, so it always fails.)
 */
import console from 'node:console';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import * as prettier from 'prettier';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);
// codegen's own loader reads codegen.ts (Node 20 cannot import TypeScript).
const { config } = await loadCodegenConfig({ configFilePath: path.join(root, 'codegen.ts') });

const outputs = await generate({ ...config, hooks: {}, silent: true, cwd: root }, false);
const problems = [];
const expected = new Set();
for (const { filename, content } of outputs) {
  const file = path.resolve(root, filename);
  expected.add(file);
  const options = { ...(await prettier.resolveConfig(file)), filepath: file };
  const want = await prettier.format(content, options);
  const have = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  if (have === null) problems.push(`missing: ${path.relative(root, file)}`);
  else if (have !== want) problems.push(`stale:   ${path.relative(root, file)}`);
}
for (const file of fs.readdirSync(path.join(root, 'client/src'), { recursive: true, encoding: 'utf8' })) {
  const full = path.join(root, 'client/src', file);
  if (file.endsWith('.generated.ts') && !expected.has(full))
    problems.push(`orphan:  ${path.relative(root, full)}`);
}
if (problems.length) {
  console.error(
    `Generated GraphQL code is out of date (run \`npm run codegen\` and commit):\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(`codegen: ${outputs.length} generated files up to date`);
