/** Small readers for untrusted JSON: a wrong type reads as absent, never throws. */
import type { JsonObject } from './api-format.ts';

export function objectField(value: unknown, key: string): JsonObject | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const field = (value as JsonObject)[key];
  return field !== null && typeof field === 'object' && !Array.isArray(field) ? (field as JsonObject) : undefined;
}

export function stringField(value: JsonObject, key: string): string | undefined {
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}

export function positiveIntField(value: JsonObject, key: string): number | undefined {
  const field = value[key];
  return typeof field === 'number' && Number.isInteger(field) && field > 0 ? field : undefined;
}

export function tryParseJson(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}
