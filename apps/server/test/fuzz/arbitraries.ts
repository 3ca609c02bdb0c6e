/**
 * fast-check arbitraries from the JSON schemas of `/api/openapi.json`: mostly values the schema allows (so requests
 * get past validation and reach the services), mixed with the hostile values the outside probe used (NUL bytes,
 * control characters, huge strings and integers, wrong types, non-UUID ids).
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\u0001\u001b[31m',
  'line\nbreak',
  'x'.repeat(70_000),
  '😀'.repeat(300),
  '../../etc/passwd',
  "' or 1=1 --",
  '<script>alert(1)</script>',
  'not-a-uuid',
  '',
  ' ',
  '-1',
  '1e309',
  'NaN',
  '9999999999999999999999',
  '2147483648',
  '275760-09-13',
  '+275760-09-13T00:00:00.000Z',
  '0000-00-00',
];

const HOSTILE_NUMBERS = [
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  -(2 ** 53),
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1e308,
  0.5,
  -1,
  0,
  2_097_152,
];

/** Any hostile value of any type: for bodies, fields and parameters alike. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...HOSTILE_STRINGS),
  fc.constantFrom<unknown>(...HOSTILE_NUMBERS),
  fc.constantFrom<unknown>(null, true, false, {}, [], [null], { __proto__: { admin: true } }, { $ne: 1 }),
);

/** Hostile text for path and query parameters (everything there is a string on the wire). */
export const hostileParam: fc.Arbitrary<string> = fc.constantFrom(
  ...HOSTILE_STRINGS.filter((s) => s.length < 3000),
  ...HOSTILE_NUMBERS.map(String),
  'true',
  'null',
  '[]',
);

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  return schema.type;
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'date-time':
      return fc
        .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'uri':
      return fc.webUrl();
    default:
      break;
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, Math.max(minLength, 40));
  return fc.string({ minLength, maxLength });
}

function numberFor(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const exclusiveMin = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const exclusiveMax = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined;
  let min = schema.minimum ?? (exclusiveMin !== undefined ? exclusiveMin + (integer ? 1 : 0.001) : -1000);
  let max = schema.maximum ?? (exclusiveMax !== undefined ? exclusiveMax - (integer ? 1 : 0.001) : 100_000);
  if (schema.exclusiveMinimum === true) min += integer ? 1 : 0.001;
  if (schema.exclusiveMaximum === true) max -= integer ? 1 : 0.001;
  min = Math.max(min, -1e9);
  max = Math.min(max, 1e9);
  if (max < min) max = min;
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** A value the schema (mostly) allows. `depth` stops runaway recursion on nested schemas. */
export function validFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant(undefined);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((v) => validFor(v, depth + 1)));
  if (schema.allOf?.length) return validFor(Object.assign({}, ...schema.allOf) as JsonSchema, depth + 1);
  let base: fc.Arbitrary<unknown>;
  switch (typeOf(schema)) {
    case 'string':
      base = stringFor(schema);
      break;
    case 'integer':
      base = numberFor(schema, true);
      break;
    case 'number':
      base = numberFor(schema, false);
      break;
    case 'boolean':
      base = fc.boolean();
      break;
    case 'null':
      base = fc.constant(null);
      break;
    case 'array':
      base = fc.array(withHostile(schema.items, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
      break;
    case 'object':
    default:
      base = objectFor(schema, depth);
  }
  return schema.nullable ? fc.oneof(base, fc.constant(null)) : base;
}

function objectFor(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) model[name] = withHostile(property, depth + 1);
  return fc.record(model, { requiredKeys: Object.keys(properties).filter((k) => required.has(k)) });
}

/** Valid four times out of five, hostile otherwise. */
export function withHostile(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: validFor(schema, depth), weight: 4 }, { arbitrary: hostileValue, weight: 1 });
}

/** A whole JSON body: one shaped by the schema (with hostile fields) or, now and then, a hostile value itself. */
export function bodyFor(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: validFor(schema), weight: 6 },
    { arbitrary: hostileValue, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

/** A query or path parameter as it travels on the wire (a string), from its schema or hostile. */
export function paramFor(schema: JsonSchema | undefined, pool: readonly string[] = []): fc.Arbitrary<string> {
  const shaped = validFor(schema).map((v) => (v === undefined || v === null ? '' : String(v)));
  const options: { arbitrary: fc.Arbitrary<string>; weight: number }[] = [
    { arbitrary: shaped, weight: 3 },
    { arbitrary: hostileParam, weight: 1 },
  ];
  if (pool.length) options.push({ arbitrary: fc.constantFrom(...pool), weight: 4 });
  return fc.oneof(...options);
}
