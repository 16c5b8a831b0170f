/**
 * class-validator on resolver arguments, as TypeGraphQL does it by default (skip missing properties, no
 * forbidUnknownValues), but with class-validator imported once. TypeGraphQL's own validator runs
 * `await import('class-validator')` for every argument of every call; under the ESM loader hooks that
 * `npm run start:ts`, the benchmarks and tests run with, each import() is a round trip to the hooks thread
 * (a profile of `predict` under load: ~7 % of the server's CPU in it). Used by `build-schema.ts`.
 */
import { validateOrReject, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';

const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };
const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

/** Validates one argument value (input objects and lists of them); scalars pass. */
export async function validateArgument(value: unknown): Promise<void> {
  if (!isObject(value)) return;
  try {
    if (Array.isArray(value))
      await Promise.all(value.filter(isObject).map((item) => validateOrReject(item, OPTIONS)));
    else await validateOrReject(value, OPTIONS);
  } catch (error) {
    throw new ArgumentValidationError(error as ConstructorParameters<typeof ArgumentValidationError>[0]);
  }
}

/** For an argument its resolver checks itself (`@Arg(..., { validateFn: skipValidation })`). */
export const skipValidation = (): void => undefined;
