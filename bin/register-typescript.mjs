// `node --import ./bin/register-typescript.mjs file.ts`: runs costops's TypeScript sources (see typescript-hooks.mjs).
import { register } from 'node:module';

process.setSourceMapsEnabled(true);
register('./typescript-hooks.mjs', import.meta.url);
