// WordPress's request arguments: each route declares its args as WordPress's JSON-schema subset; one validator
// reads the query (or body) by those rules and refuses with `rest_invalid_param` in WordPress's exact words.
// The same declarations are what the /wp-json/ index lists, so what a client discovers is what is checked.
import { wpError } from './wp-error.js';

interface ArgBase {
  readonly description?: string;
  readonly required?: boolean;
}

export type ArgSpec =
  | (ArgBase & { readonly type: 'integer'; readonly default?: number; readonly minimum?: number; readonly maximum?: number })
  | (ArgBase & { readonly type: 'string'; readonly default?: string; readonly enum?: readonly string[]; readonly format?: 'date-time' })
  | (ArgBase & { readonly type: 'boolean'; readonly default?: boolean })
  | (ArgBase & {
      readonly type: 'array';
      readonly items: { readonly type: 'integer' | 'string'; readonly enum?: readonly string[] };
      readonly default?: readonly (string | number)[];
    })
  /** `orString`: a plain string is also taken, as `{ raw: string }` (WordPress's title, content and excerpt). */
  | (ArgBase & { readonly type: 'object'; readonly orString?: true });

export type ArgSpecs = Readonly<Record<string, ArgSpec>>;

export type ArgValue = string | number | boolean | readonly (string | number)[] | Readonly<Record<string, unknown>>;

/** Arguments after validation; read them with the typed getters. */
export class Args {
  constructor(private readonly values: ReadonlyMap<string, ArgValue>) {}
  has(name: string): boolean {
    return this.values.has(name);
  }
  integer(name: string): number | undefined {
    const value = this.values.get(name);
    return typeof value === 'number' ? value : undefined;
  }
  string(name: string): string | undefined {
    const value = this.values.get(name);
    return typeof value === 'string' ? value : undefined;
  }
  boolean(name: string): boolean | undefined {
    const value = this.values.get(name);
    return typeof value === 'boolean' ? value : undefined;
  }
  integers(name: string): readonly number[] | undefined {
    const value = this.values.get(name);
    return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : undefined;
  }
  strings(name: string): readonly string[] | undefined {
    const value = this.values.get(name);
    return Array.isArray(value) ? value.map(String) : undefined;
  }
  object(name: string): Readonly<Record<string, unknown>> | undefined {
    const value = this.values.get(name);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Readonly<Record<string, unknown>>) : undefined;
  }
}

/** One refused argument, as WordPress's `details` entry. */
export class Problem {
  constructor(readonly code: string, readonly message: string) {}
}

/** "a and b", "a, b, and c": WordPress's wp_sprintf_l list. */
function listWords(words: readonly string[]): string {
  if (words.length <= 2) return words.join(' and ');
  return `${words.slice(0, -1).join(', ')}, and ${words.at(-1)}`;
}

// ISO 8601 / RFC 3339 as WordPress's rest_parse_date takes it: a date and time, the offset optional.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}(:?\d{2})?)?$/;

function integerOf(raw: unknown, name: string): number | Problem {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (!/^-?\d{1,15}$/.test(text)) return new Problem('rest_invalid_type', `${name} is not of type integer.`);
  return Number(text);
}

function boundsProblem(spec: { minimum?: number; maximum?: number }, value: number, name: string): Problem | undefined {
  const { minimum, maximum } = spec;
  if (minimum !== undefined && maximum !== undefined && (value < minimum || value > maximum)) {
    return new Problem('rest_out_of_bounds', `${name} must be between ${minimum} (inclusive) and ${maximum} (inclusive)`);
  }
  if (minimum !== undefined && value < minimum) return new Problem('rest_out_of_bounds', `${name} must be greater than or equal to ${minimum}`);
  if (maximum !== undefined && value > maximum) return new Problem('rest_out_of_bounds', `${name} must be less than or equal to ${maximum}`);
  return undefined;
}

function enumProblem(allowed: readonly string[] | undefined, value: string, name: string): Problem | undefined {
  return allowed && !allowed.includes(value) ? new Problem('rest_not_in_enum', `${name} is not one of ${listWords(allowed)}.`) : undefined;
}

/** CSV or repeated `x[]=`, as WordPress's wp_parse_list. */
function listOf(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (typeof raw === 'string') return raw.split(/[\s,]+/).filter((part) => part.length > 0);
  return raw === undefined || raw === null ? [] : [raw];
}

function arrayOf(spec: Extract<ArgSpec, { type: 'array' }>, raw: unknown, name: string): ArgValue | Problem {
  const values: (string | number)[] = [];
  for (const [index, item] of listOf(raw).entries()) {
    const itemName = `${name}[${index}]`;
    if (spec.items.type === 'integer') {
      const value = integerOf(item, itemName);
      if (value instanceof Problem) return value;
      values.push(value);
    } else {
      if (typeof item !== 'string' && typeof item !== 'number') return new Problem('rest_invalid_type', `${itemName} is not of type string.`);
      const problem = enumProblem(spec.items.enum, String(item), itemName);
      if (problem) return problem;
      values.push(String(item));
    }
  }
  return values;
}

const TRUE_WORDS = new Set(['1', 'true']);
const FALSE_WORDS = new Set(['0', 'false', '']);

function valueOf(spec: ArgSpec, raw: unknown, name: string): ArgValue | Problem {
  switch (spec.type) {
    case 'integer': {
      const value = integerOf(raw, name);
      return typeof value === 'number' ? (boundsProblem(spec, value, name) ?? value) : value;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const word = typeof raw === 'string' || typeof raw === 'number' ? String(raw).toLowerCase() : undefined;
      if (word !== undefined && TRUE_WORDS.has(word)) return true;
      if (word !== undefined && FALSE_WORDS.has(word)) return false;
      return new Problem('rest_invalid_type', `${name} is not of type boolean.`);
    }
    case 'string': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return new Problem('rest_invalid_type', `${name} is not of type string.`);
      const text = String(raw);
      if (spec.format === 'date-time' && !(DATE_TIME.test(text) && !Number.isNaN(Date.parse(text.replace(' ', 'T'))))) {
        return new Problem('rest_invalid_date', 'Invalid date.');
      }
      return enumProblem(spec.enum, text, name) ?? text;
    }
    case 'array':
      return arrayOf(spec, raw, name);
    case 'object':
      if (spec.orString && (typeof raw === 'string' || typeof raw === 'number')) return { raw: String(raw) };
      return raw !== null && typeof raw === 'object' && !Array.isArray(raw)
        ? (raw as Readonly<Record<string, unknown>>)
        : new Problem('rest_invalid_type', `${name} is not of type object.`);
  }
}

/**
 * Reads `input` (a parsed query string or body) by `specs`: defaults filled in, unknown names ignored (as
 * WordPress). Every refused argument is reported at once: `rest_missing_callback_param` for missing required
 * ones, else `rest_invalid_param` with `params` (name → message) and `details` (name → {code, message, data}).
 */
export function parseArgs(specs: ArgSpecs, input: Readonly<Record<string, unknown>>): Args {
  const missing = Object.entries(specs).filter(([name, spec]) => spec.required && input[name] === undefined).map(([name]) => name);
  if (missing.length > 0) throw wpError('rest_missing_callback_param', `Missing parameter(s): ${missing.join(', ')}`, 400, { params: missing });
  const values = new Map<string, ArgValue>();
  const problems = new Map<string, Problem>();
  for (const [name, spec] of Object.entries(specs)) {
    // `x[]=1&x[]=2` arrives as `x[]` from some query parsers and as `x` from others.
    const raw = input[name] ?? input[`${name}[]`];
    if (raw === undefined) {
      if ('default' in spec && spec.default !== undefined) values.set(name, spec.default);
      continue;
    }
    const value = valueOf(spec, raw, name);
    if (value instanceof Problem) problems.set(name, value);
    else values.set(name, value);
  }
  if (problems.size > 0) throw invalidParams(problems);
  return new Args(values);
}

/**
 * `rest_invalid_param` for problems found outside the schema (an unknown category id): the same shape. `data` is
 * each detail's data (WordPress gives a refused status `{ status: 401 }` there; null otherwise).
 */
export function invalidParams(problems: ReadonlyMap<string, Problem>, data: Readonly<Record<string, unknown>> | null = null): ReturnType<typeof wpError> {
  const names = [...problems.keys()];
  return wpError('rest_invalid_param', `Invalid parameter(s): ${names.join(', ')}`, 400, {
    params: Object.fromEntries([...problems].map(([name, problem]) => [name, problem.message])),
    details: Object.fromEntries([...problems].map(([name, problem]) => [name, { code: problem.code, message: problem.message, data }])),
  });
}
