/**
 * Preloaded (`--import`) into the gateway's process by profile.ts with `PROFILE_PROMOTED=1`: V8's
 * sampling heap profiler, keeping the samples of objects that full collections free and dropping
 * those that scavenges free, so what remains is what outlived the young generation (promoted to
 * the old one) or is still alive (in flight when sampling stops, after one more scavenge). The
 * first SIGUSR2 starts sampling, the second writes the profile to `$PROMOTED_PROBE_FILE` (a
 * `.heapprofile`, which Chrome DevTools opens too). `PROMOTED_PROBE_INTERVAL` sets the sampling
 * interval in bytes (default 4096).
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
/** V8's gc(), for a scavenge on demand. */
const gc = runInNewContext('gc');

const file = process.env.PROMOTED_PROBE_FILE;
const session = new Session();
session.connect();
let sampling = false;

process.on('SIGUSR2', () => {
  if (!sampling) {
    sampling = true;
    // every ~4 KB allocated, on average: enough samples for a few seconds of load
    session.post('HeapProfiler.startSampling', { samplingInterval: Number(process.env.PROMOTED_PROBE_INTERVAL ?? 4096), includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false });
    return;
  }
  sampling = false;
  // a scavenge first: young objects already dead would otherwise count as alive
  gc({ type: 'minor' });
  session.post('HeapProfiler.stopSampling', (error, result) => {
    if (error) throw error;
    writeFileSync(file, JSON.stringify(result.profile));
    process.send?.({ promotedProfile: file });
  });
});
