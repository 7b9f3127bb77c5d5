/**
 * Preloaded (`--import`) into a proxy's process by ab.ts: times the phases of each request that
 * is alone in flight, from Node's and undici's diagnostics channels, with no change to the code
 * under test:
 *   pre  = request headers parsed → upstream request headers written (undici `sendHeaders`)
 *   wait = → upstream response headers parsed
 *   post = → the client's response finished (handed to the kernel)
 * On SIGUSR2 it writes the p50/p90 of each (µs) to `$PHASE_PROBE_DIR/<pid>.json` and starts over.
 */
import diagnostics from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.env.PHASE_PROBE_DIR;
const now = () => Number(process.hrtime.bigint()) / 1000;
const samples = { pre: [], wait: [], post: [], total: [] };
/** The request being timed; null while another is in flight too (its phases would mix). */
let current = null;
let inFlight = 0;

diagnostics.subscribe('http.server.request.start', () => {
  inFlight++;
  current = inFlight === 1 ? { start: now() } : null;
});
diagnostics.subscribe('undici:client:sendHeaders', () => {
  if (current && current.sent === undefined) current.sent = now();
});
diagnostics.subscribe('undici:request:headers', () => {
  if (current && current.sent !== undefined && current.answered === undefined) current.answered = now();
});
diagnostics.subscribe('http.server.response.finish', () => {
  inFlight--;
  if (current?.answered !== undefined) {
    const end = now();
    samples.pre.push(current.sent - current.start);
    samples.wait.push(current.answered - current.sent);
    samples.post.push(end - current.answered);
    samples.total.push(end - current.start);
  }
  current = null;
});

process.on('SIGUSR2', () => {
  const summary = {};
  for (const [phase, values] of Object.entries(samples)) {
    const sorted = values.sort((a, b) => a - b);
    summary[phase] = { count: sorted.length, p50: sorted[Math.floor(sorted.length * 0.5)] ?? null, p90: sorted[Math.floor(sorted.length * 0.9)] ?? null };
    values.length = 0;
  }
  if (out) writeFileSync(join(out, `${process.pid}.json`), JSON.stringify(summary));
});
