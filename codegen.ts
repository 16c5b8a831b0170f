/**
 * GraphQL Code Generator: `server/schema.graphql` (the committed SDL) + the client's `*.graphql` operations →
 * typed documents. `npm run codegen` writes them; `npm run codegen:check` fails when they are stale (CI).
 *
 * Near-operation-file, not the client preset: each `features/x/x.graphql` gets an `x.generated.ts` beside it
 * exporting `GetRunsDocument`, `GetRunsQuery`, … (TypedDocumentNode), so a page imports only its own
 * documents (the client preset's `graphql()` map puts every operation in every page unless a Babel/SWC
 * plugin rewrites the calls, which Turbopack does not run), and `.graphql` files stay plain GraphQL that
 * editors and the playground understand. Schema types (enums, inputs, scalars) go to one `types.generated.ts`.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const scalars = {
  Date: 'string',
  DateTime: 'string',
  JSON: { input: 'unknown', output: 'Record<string, unknown>' },
};

// Generated code is checked by codegen:check, not by the linter (it has unused imports by design).
const header = { add: { content: '/* eslint @typescript-eslint/no-unused-vars: "off" */' } };

const config: CodegenConfig = {
  schema: 'server/schema.graphql',
  documents: ['client/src/**/*.graphql'],
  emitLegacyCommonJSImports: false,
  generates: {
    'client/src/types.generated.ts': {
      plugins: [header, 'typescript'],
      config: { scalars, enumsAsTypes: true, avoidOptionals: { field: true, inputValue: false } },
    },
    'client/src/': {
      preset: 'near-operation-file',
      presetConfig: { extension: '.generated.ts', baseTypesPath: 'types.generated.ts' },
      plugins: [header, 'typescript-operations', 'typed-document-node'],
      config: { scalars, enumsAsTypes: true, useTypeImports: true },
    },
  },
  hooks: { afterAllFileWrite: ['prettier --write --log-level warn'] },
};

export default config;
