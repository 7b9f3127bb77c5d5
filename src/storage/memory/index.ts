/** In-process adapters of the core ports: no service needed, state lives as long as the process. */
export { createMemoryCounterStore, type MemoryCounterStore, type MemoryCounterStoreOptions } from './create-memory-counter-store.ts';
