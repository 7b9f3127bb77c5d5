/**
 * Which model names a catalog entry answers to. The shape is genai-prices' `match` logic, kept as
 * plain data so catalogs stay serializable; names are compared lower-cased, as genai-prices does.
 */
export type MatchRule =
  | { readonly equals: string }
  | { readonly starts_with: string }
  | { readonly ends_with: string }
  | { readonly contains: string }
  | { readonly regex: string }
  | { readonly and: readonly MatchRule[] }
  | { readonly or: readonly MatchRule[] };

/** A compiled rule: call it with an already lower-cased, trimmed name. */
export type NameMatcher = (lowerName: string) => boolean;

/** Compiles a rule once (regexes included) so resolving a name costs no allocation per call. */
export function compileMatchRule(rule: MatchRule): NameMatcher {
  if ('equals' in rule) {
    const text = rule.equals.toLowerCase();
    return (name) => name === text;
  }
  if ('starts_with' in rule) {
    const text = rule.starts_with.toLowerCase();
    return (name) => name.startsWith(text);
  }
  if ('ends_with' in rule) {
    const text = rule.ends_with.toLowerCase();
    return (name) => name.endsWith(text);
  }
  if ('contains' in rule) {
    const text = rule.contains.toLowerCase();
    return (name) => name.includes(text);
  }
  if ('regex' in rule) {
    // tested against the lower-cased name, like genai-prices, so dataset regexes behave as upstream
    const pattern = new RegExp(rule.regex);
    return (name) => pattern.test(name);
  }
  if ('and' in rule) {
    const parts = rule.and.map(compileMatchRule);
    return (name) => parts.every((part) => part(name));
  }
  if ('or' in rule) {
    const parts = rule.or.map(compileMatchRule);
    return (name) => parts.some((part) => part(name));
  }
  throw new RangeError(`unknown match rule: ${JSON.stringify(rule)}`);
}

/** The literal names a rule accepts exactly (its `equals` leaves), used as suggestions for typos. */
export function exactNames(rule: MatchRule): string[] {
  if ('equals' in rule) return [rule.equals];
  if ('or' in rule) return rule.or.flatMap(exactNames);
  return [];
}
