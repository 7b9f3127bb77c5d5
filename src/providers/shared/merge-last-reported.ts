/**
 * Folds one streamed usage snapshot into the previous ones for providers whose stream events
 * carry *cumulative* counts (Anthropic `message_start`/`message_delta`, Gemini chunks): each field
 * keeps the last value that was actually reported. Values are never summed, and a field the
 * latest event leaves out or sends as null keeps its earlier value.
 */
export function mergeLastReported<T extends object>(previous: T | undefined, next: T | null | undefined): T {
  const merged: Record<string, unknown> = { ...previous };
  if (next) {
    for (const [key, value] of Object.entries(next)) {
      if (value !== null && value !== undefined) merged[key] = value;
    }
  }
  return merged as T;
}
