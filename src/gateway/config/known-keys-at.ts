import type { z } from 'zod';

type AnySchema = z.core.$ZodType;

/** Looks through wrappers (optional, default, preprocess, …) to the schema that gives a value its shape. */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = current._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
    if ('innerType' in def) current = def.innerType as AnySchema;
    else if (def.type === 'pipe') {
      const pipe = def as unknown as z.core.$ZodPipeDef;
      // A preprocess is transform → schema; a transform after a schema is schema → transform.
      current = pipe.in._zod.def.type === 'transform' ? pipe.out : pipe.in;
    } else return current;
  }
}

/**
 * The keys the object schema found at `path` accepts, used to suggest the key a user meant.
 * Empty when the path does not lead to a plain object (a union, say): then nothing is suggested.
 */
export function knownKeysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  let current = unwrap(schema);
  for (const segment of path) {
    const def = current._zod.def;
    if (def.type === 'object') {
      const next = (def as z.core.$ZodObjectDef).shape[String(segment)];
      if (next === undefined) return [];
      current = unwrap(next);
    } else if (def.type === 'array') current = unwrap((def as z.core.$ZodArrayDef).element);
    else if (def.type === 'record') current = unwrap((def as z.core.$ZodRecordDef).valueType);
    else return [];
  }
  const def = current._zod.def;
  return def.type === 'object' ? Object.keys((def as z.core.$ZodObjectDef).shape) : [];
}
