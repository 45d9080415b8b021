import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

export interface OptionsCheck {
  /** The options with schema defaults applied (a copy; the caller's object is left alone). */
  options: Record<string, unknown>;
  /** One sentence per problem, each naming the option as a JSON pointer. */
  problems: string[];
}

export interface OptionsValidator {
  check(optionsSchema: unknown, options: unknown): OptionsCheck;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/**
 * Copies plain objects and arrays so ajv's `useDefaults` fills a copy; anything else (a function or class
 * instance passed by a programmatic caller) is shared, because structuredClone would reject it.
 */
export function clonePlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => clonePlain(item)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = clonePlain(item);
    return out as T;
  }
  return value;
}

const escapePointer = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1');

export function formatAjvError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    return `option "${error.instancePath}/${escapePointer(params.missingProperty)}" is required`;
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `option "${error.instancePath}/${escapePointer(params.additionalProperty)}" is not allowed`;
  }
  const suffix =
    error.keyword === 'enum' && Array.isArray(params.allowedValues)
      ? ` (${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`
      : '';
  const subject = error.instancePath === '' ? 'options' : `option "${error.instancePath}"`;
  return `${subject} ${error.message ?? 'is invalid'}${suffix}`;
}

/**
 * Checks plugin options against their JSON Schema (draft 2020-12, which is what zod 4 emits) with every error
 * reported and schema defaults applied. Compiled validators are cached per schema object.
 */
export function createOptionsValidator(): OptionsValidator {
  // strictSchema stays on so a typo'd keyword in a plugin's schema fails at start-up; formats are not
  // validated because core ships no format implementations and an unknown format must not reject a schema.
  const ajv = new Ajv2020({
    allErrors: true,
    useDefaults: true,
    strictTypes: false,
    strictTuples: false,
    validateFormats: false,
  });
  const compiled = new WeakMap<object, ValidateFunction>();

  const compile = (schema: object | boolean): ValidateFunction => {
    if (typeof schema === 'boolean') return ajv.compile(schema);
    let validate = compiled.get(schema);
    if (!validate) {
      validate = ajv.compile(schema);
      compiled.set(schema, validate);
    }
    return validate;
  };

  return {
    check(optionsSchema, options) {
      const value = options === undefined ? {} : clonePlain(options);
      if (!isPlainObject(value)) return { options: {}, problems: ['options must be an object'] };
      if (optionsSchema === undefined) return { options: value, problems: [] };
      let validate: ValidateFunction;
      try {
        validate = compile(optionsSchema as object | boolean);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { options: value, problems: [`optionsSchema is not a valid JSON Schema: ${message}`] };
      }
      if (validate(value)) return { options: value, problems: [] };
      return { options: value, problems: (validate.errors ?? []).map(formatAjvError) };
    },
  };
}
