/**
 * Multi-row INSERT through compiled templates: rows go in chunks of 2^k (largest first), so a
 * handful of templates (and prepared statements) serve every batch size, and no chunk comes
 * near a dialect's bound-parameter limit.
 */
import type { Kysely } from 'kysely';
import { compileQueryTemplate, type QueryTemplate } from './query-template.ts';

interface InsertTemplate {
  template: QueryTemplate;
  /** For each bound parameter: which row of the chunk, which column (its position in `columns`). */
  slots: { row: number; column: number }[];
}

export class InsertMany {
  readonly #db: Kysely<any>;
  readonly #table: string;
  readonly #columns: readonly string[];
  readonly #maxChunk: number;
  readonly #templates = new Map<number, InsertTemplate>();

  constructor(options: { db: Kysely<any>; table: string; columns: readonly string[]; maxChunk: number }) {
    this.#db = options.db;
    this.#table = options.table;
    this.#columns = options.columns;
    this.#maxChunk = options.maxChunk;
  }

  /** Inserts the rows (values in `columns` order) with as few statements as the chunking allows. */
  async insert(db: Kysely<any>, rows: readonly (readonly unknown[])[]): Promise<void> {
    let start = 0;
    while (start < rows.length) {
      let size = this.#maxChunk;
      while (size > rows.length - start) size >>= 1;
      const { template, slots } = this.#template(size);
      const parameters = new Array<unknown>(slots.length);
      for (let index = 0; index < slots.length; index++) {
        const slot = slots[index]!;
        parameters[index] = rows[start + slot.row]![slot.column];
      }
      await template.executeWith(db, parameters);
      start += size;
    }
  }

  #template(size: number): InsertTemplate {
    let compiled = this.#templates.get(size);
    if (compiled === undefined) {
      const template = compileQueryTemplate((param) =>
        this.#db.insertInto(this.#table).values(
          Array.from({ length: size }, (_, row) => Object.fromEntries(this.#columns.map((column, index) => [column, param(`${row}:${index}`)]))),
        ),
      );
      const slots = template.parameterNames.map((name) => {
        const separator = name.indexOf(':');
        return { row: Number(name.slice(0, separator)), column: Number(name.slice(separator + 1)) };
      });
      compiled = { template, slots };
      this.#templates.set(size, compiled);
    }
    return compiled;
  }
}
