/**
 * Model names arrive decorated: "openai/gpt-4o" (routers), "ft:gpt-4o-mini-2024-07-18:acme::x1"
 * (fine-tunes), "gpt-4o-mini-2024-07-18.ft-abc" and "gpt-4o:extended" (variants). Tokenizer
 * and vision rules key on the base model, so every lookup goes through this one parser.
 */
export interface ParsedModelName {
  /** Lower-cased base model: "gpt-4o-mini-2024-07-18". */
  readonly base: string;
  /** The router/provider prefix, if the name had one: "openai" in "openai/gpt-4o". */
  readonly prefix: string | undefined;
}

/** Splits a raw model name into its base model and its provider prefix. */
export function parseModelName(model: string): ParsedModelName {
  let name = model.trim().toLowerCase();
  let prefix: string | undefined;
  const slash = name.indexOf('/');
  if (slash >= 0) {
    prefix = name.slice(0, slash);
    name = name.slice(name.lastIndexOf('/') + 1);
  }
  if (name.startsWith('ft:')) name = name.slice(3);
  const colon = name.indexOf(':');
  if (colon >= 0) name = name.slice(0, colon);
  const fineTune = name.indexOf('.ft-');
  if (fineTune >= 0) name = name.slice(0, fineTune);
  return { base: name, prefix };
}
