/**
 * The compiled write statements of one store: multi-row inserts of rows and tag pairs, and one
 * update per finalize shape (the set of columns a patch carries; a gateway uses a handful).
 */
import type { Kysely } from 'kysely';
import type { LedgerDatabase } from './ledger-database.ts';
import { LEDGER_COLUMNS } from './ledger-fields.ts';
import { InsertMany } from './insert-many.ts';
import { compileQueryTemplate, type QueryTemplate } from './query-template.ts';

const MAX_UPDATE_SHAPES = 256;

export class LedgerWriteTemplates {
  readonly #db: Kysely<LedgerDatabase>;
  readonly #updates = new Map<string, QueryTemplate>();
  /** ledger_requests rows, every column in LEDGER_COLUMNS order (128 × 44 parameters per statement at most). */
  readonly rows: InsertMany;
  /** ledger_tags pairs: [request_id, name, value]. */
  readonly tags: InsertMany;

  constructor(db: Kysely<LedgerDatabase>) {
    this.#db = db;
    this.rows = new InsertMany({ db, table: 'ledger_requests', columns: LEDGER_COLUMNS, maxChunk: 128 });
    this.tags = new InsertMany({ db, table: 'ledger_tags', columns: ['request_id', 'name', 'value'], maxChunk: 512 });
  }

  /** UPDATE that settles a `started` row, setting `columns`; values: the columns, `$id`, `$status`. */
  settle(columns: readonly string[]): QueryTemplate {
    const key = columns.join(',');
    let template = this.#updates.get(key);
    if (template === undefined) {
      if (this.#updates.size >= MAX_UPDATE_SHAPES) this.#updates.clear();
      template = compileQueryTemplate((param) =>
        this.#db
          .updateTable('ledger_requests')
          .set(Object.fromEntries(columns.map((column) => [column, param(column)])) as never)
          .where('id', '=', param('$id'))
          .where('status', '=', param('$status')),
      );
      this.#updates.set(key, template);
    }
    return template;
  }
}
