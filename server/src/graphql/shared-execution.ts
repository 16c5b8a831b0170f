/**
 * Subscription deduplication (Apollo Router's term; Hasura calls it multiplexing): a subscription event is
 * executed and serialised once per distinct (document, variables, access scope), and every subscriber in
 * that group gets the same payload bytes. Events are the objects the hub or `SalesEvents` hand to every
 * subscriber (the same object for all of them), so a result is cached on the event itself (a WeakMap: it
 * goes when the event does). Used by `shared-subscribe.ts`; one per graphql-ws server.
 */
import { execute, type ExecutionArgs, type ExecutionResult, type GraphQLError } from 'graphql';
import type { Principal } from '../modules/auth/principal.js';

/** Turns a result's errors into what the client is sent (the server's formatError). */
export type FormatErrors = (errors: readonly GraphQLError[]) => unknown[];

/** Counters, for tests and the benchmark. */
export interface SharedExecutionStats {
  /** Events executed (one per event and group). */
  executions: number;
  /** Deliveries that reused another subscriber's payload. */
  reused: number;
}

/**
 * The group of a subscription: the document text, operation name, variables and the principal's kind and
 * scopes. Subscription results here depend on nothing else of the caller (no per-user fields), so callers
 * with the same scopes may share bytes; a caller with other scopes is its own group.
 */
export function groupKeyOf(options: {
  query: string;
  operationName?: string | null;
  variables?: Readonly<Record<string, unknown>> | null;
  principal: Pick<Principal, 'kind' | 'scopes'>;
}): string {
  const scopes = [...options.principal.scopes].sort().join(',');
  return JSON.stringify([
    options.query,
    options.operationName ?? null,
    options.variables ?? null,
    options.principal.kind,
    scopes,
  ]);
}

export class SharedExecution {
  private readonly payloads = new WeakMap<object, Map<string, string | Promise<string>>>();
  readonly stats: SharedExecutionStats = { executions: 0, reused: 0 };

  constructor(private readonly formatErrors: FormatErrors) {}

  /**
   * The JSON of the graphql-ws `next` payload for `event` in group `key`: executed with `args` (rootValue =
   * the event) the first time the group sees this event, reused after that.
   * @returns a string, or a promise of one when a resolver is asynchronous; a resolver's error is in the
   *   payload's `errors`, formatted as for every other operation.
   */
  payloadFor(event: unknown, key: string, args: ExecutionArgs): string | Promise<string> {
    // Only objects can key the cache; a primitive event (none are published today) is executed each time.
    if (typeof event !== 'object' || event === null) return this.run(event, args);
    let groups = this.payloads.get(event);
    if (!groups) this.payloads.set(event, (groups = new Map()));
    const cached = groups.get(key);
    if (cached !== undefined) {
      this.stats.reused++;
      return cached;
    }
    const payload = this.run(event, args);
    groups.set(key, payload);
    return payload;
  }

  private run(event: unknown, args: ExecutionArgs): string | Promise<string> {
    this.stats.executions++;
    const result = execute({ ...args, rootValue: event });
    return result instanceof Promise ? result.then((r) => this.serialise(r)) : this.serialise(result);
  }

  private serialise(result: ExecutionResult): string {
    const { errors, ...rest } = result;
    return JSON.stringify(errors?.length ? { ...rest, errors: this.formatErrors(errors) } : rest);
  }
}
