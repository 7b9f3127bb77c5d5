/**
 * Child process of the gateway benchmark: the fake upstream (test/support/fake-upstream) in
 * benchmark mode (`minimal`: per-path counts only). Tells the parent its URL over IPC, answers
 * `count` with the number of chat completions it served, and exits when told to or when the
 * parent goes away.
 */
import { startFakeUpstream } from '../../test/support/fake-upstream/index.ts';
import { serveChild } from './child-ipc.ts';

const fake = await startFakeUpstream({ minimal: true });
serveChild({ url: fake.url }, {
  count: () => fake.count('/v1/chat/completions'),
  close: () => fake.close(),
});
