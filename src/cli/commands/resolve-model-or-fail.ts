/** Resolves a model name the user typed, or fails with one line ending "did you mean: a, b, c?" (SPEC §2). */
import { resolveModel, suggestModels, type CatalogModel, type PriceCatalog } from '../../core/pricing/index.ts';
import { UserError } from '../user-error.ts';

export function resolveModelOrFail(catalog: PriceCatalog, name: string, provider?: string): CatalogModel {
  const model = resolveModel(catalog, name, provider === undefined ? {} : { provider });
  if (model) return model;
  const suggestions = suggestModels(catalog, name, 3, provider === undefined ? {} : { provider });
  const where = provider === undefined ? '' : ` for provider "${provider}"`;
  const hint = suggestions.length > 0 ? `; did you mean: ${suggestions.join(', ')}?` : '; run `costops prices` to list known models';
  throw new UserError(`unknown model "${name}"${where}${hint}`);
}
