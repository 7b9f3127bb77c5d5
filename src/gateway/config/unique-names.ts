import { z } from 'zod';

/**
 * A check for a list whose entries are addressed by name (by routing rules, admin API URLs,
 * alerts): a second entry with the same name is reported where it is written. It runs even when
 * other fields of the entries are wrong, as long as every name itself is valid.
 */
export function uniqueNames(section: string) {
  return z.superRefine<readonly { name: string }[]>(
    (entries, context) => {
      const firstIndex = new Map<string, number>();
      entries.forEach((entry, index) => {
        const name: unknown = entry?.name;
        if (typeof name !== 'string') return;
        const earlier = firstIndex.get(name);
        if (earlier === undefined) {
          firstIndex.set(name, index);
          return;
        }
        context.addIssue({
          code: 'custom',
          path: [index, 'name'],
          input: name,
          message: `duplicate name "${name}" (also ${section}[${earlier}]) — names must be unique; rename one`,
        });
      });
    },
    {
      when: (payload) =>
        Array.isArray(payload.value) &&
        !payload.issues.some((issue) => (issue.path?.length ?? 0) === 0 || issue.path?.[1] === 'name'),
    },
  );
}
