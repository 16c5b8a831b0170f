/**
 * Imports over GraphQL: `importSales` takes a CSV by the GraphQL multipart request spec (apollo-upload-
 * client, urql, `curl -F`; send `Apollo-Require-Preflight: true`, see README) and returns the QUEUED
 * import at once (or, with `wait: true`, once it has finished); `imports`, `import(id)` and the
 * `importProgress(id)` subscription follow it.
 * @example curl localhost:4000/graphql -H 'Apollo-Require-Preflight: true' -F operations='{"query":"mutation ($f: Upload!) { importSales(file: $f) { id status } }","variables":{"f":null}}' -F map='{"0":["variables.f"]}' -F 0=@sales.csv
 * @example subscription ($id: ID!) { importProgress(id: $id) { status progress rows badLineCount rowsAccepted } }
 */
import GraphQLUpload from 'graphql-upload/GraphQLUpload.mjs';
import type { FileUpload } from 'graphql-upload/processRequest.mjs';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  UseMiddleware,
} from 'type-graphql';
import { IsOptional, Max, Min } from 'class-validator';
import type { Context } from '../../graphql/context.js';
import { badUserInput, notFound } from '../../graphql/errors.js';
import { RequireScope } from '../../graphql/require-scope.js';
import { decodeCursor, encodeCursor } from '../runs/runs.service.js';
import { checkSource } from '../sales/sales.resolver.js';
import { FileTooLargeError } from './import-runner.js';
import { FINISHED_IMPORT_STATUSES, Import, ImportConnection, toImport } from './import.type.js';

@ArgsType()
class ImportsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'Page size, 1–100.' })
  @IsOptional()
  @Min(1)
  @Max(100)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  after?: string | null;
}

/** The import's state now, then at every change, until it has finished. */
async function* importProgress(context: Context, id: string): AsyncGenerator<Import> {
  const { services } = context;
  const live = services.salesEvents.subscribe('import');
  try {
    const row = await services.imports.get(id);
    if (!row) throw notFound(`no import with id "${id}"`);
    let current = toImport(row);
    yield current;
    if (FINISHED_IMPORT_STATUSES.includes(current.status)) return;
    for await (const event of live) {
      if (event.id !== id) continue;
      current = event as Import;
      yield current;
      if (FINISHED_IMPORT_STATUSES.includes(current.status)) return;
    }
  } finally {
    await live.return?.();
  }
}

@Resolver(() => Import)
export class ImportResolver {
  @Query(() => ImportConnection, { description: 'CSV imports, newest first.' })
  async imports(
    @Args(() => ImportsArgs) args: ImportsArgs,
    @Ctx() { services }: Context,
  ): Promise<ImportConnection> {
    const page = await services.imports.list(
      args.first ?? 20,
      args.after ? decodeCursor(args.after) : undefined,
    );
    const edges = page.rows.map((row) => ({ cursor: encodeCursor(row), node: toImport(row) }));
    return {
      edges,
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  @Query(() => Import, { name: 'import', nullable: true })
  async importById(@Arg('id', () => ID) id: string, @Ctx() { services }: Context): Promise<Import | null> {
    const row = await services.imports.get(id);
    return row && toImport(row);
  }

  @Mutation(() => Import, {
    description:
      'Imports a sales CSV (GraphQL multipart request). Returns the QUEUED import at once; with wait: true, the finished one (REJECTED or FAILED then answer BAD_USER_INPUT with the bad lines).',
  })
  @UseMiddleware(RequireScope('import'))
  async importSales(
    @Arg('file', () => GraphQLUpload) file: Promise<FileUpload>,
    @Arg('source', () => String, {
      nullable: true,
      description: 'Namespace of the transaction ids. Default "default".',
    })
    source: string | null,
    @Arg('skipBadRows', () => Boolean, {
      defaultValue: false,
      description: 'Import the good rows and report the bad ones.',
    })
    skipBadRows: boolean,
    @Arg('wait', () => Boolean, { defaultValue: false, description: 'Answer once the import has finished.' })
    wait: boolean,
    @Ctx() { services }: Context,
  ): Promise<Import> {
    const upload = await file;
    const request = {
      fileName: upload.filename,
      source: checkSource(source),
      skipBadRows,
      requestedBy: 'api',
    };
    const submitted = await services.importRunner
      .submit({ ...request, stream: upload.createReadStream() })
      .catch((error: unknown) => {
        if (error instanceof FileTooLargeError || (error as { status?: number }).status === 413)
          throw badUserInput((error as Error).message, { errorCode: 'FILE_TOO_LARGE', field: 'file' });
        throw error;
      });
    if (!wait) return toImport(submitted.row);
    const done = toImport(await submitted.finished);
    if (done.status === 'REJECTED' || done.status === 'FAILED') {
      throw badUserInput(done.error ?? `import ${done.status}`, {
        errorCode: done.errorCode,
        importId: done.id,
        badLineCount: done.badLineCount,
        badLines: done.badLines.slice(0, 100),
      });
    }
    return done;
  }

  @Subscription(() => Import, {
    description:
      "An import's state now, then at every step (about 4 a second while it reads), until it finishes.",
    subscribe: ({ args, context }) => importProgress(context as Context, (args as { id: string }).id),
  })
  importProgress(@Root() state: Import, @Arg('id', () => ID) _id: string): Import {
    return state;
  }
}
