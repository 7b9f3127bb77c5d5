/** `costops serve [--config FILE] [--port N]`: the gateway and admin API until SIGTERM/SIGINT. */
import type { Command } from 'commander';
import { loadConfig, redactUrl } from '../../gateway/config/index.ts';
import { startGateway } from '../../gateway/server.ts';
import { unevaluatedAlertRules } from '../../gateway/alerts/index.ts';
import type { Io } from '../io.ts';

export function registerServe(program: Command, io: Io): void {
  program
    .command('serve')
    .description('run the gateway and admin API (default port 4000, ledger in ./data/costops.db)')
    .option('--config <file>', 'config file (default: costops.config.yaml|yml|json in this folder, else built-in defaults)')
    .option('--port <n>', 'port to listen on (overrides server.port)')
    .action(async (options: { config?: string; port?: string }, command: Command) => {
      const port = options.port === undefined ? undefined : Number(options.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
        command.error(`error: --port must be a whole number from 0 to 65535 (got "${options.port}")`, { exitCode: 2 });
      }
      const { config, source } = await loadConfig({ ...(options.config && { path: options.config }), env: process.env, cwd: process.cwd() });
      const gateway = await startGateway({ config, ...(port !== undefined && { port }) });
      // Handlers first: a supervisor may signal as soon as it reads "listening".
      const stopped = new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          io.out(`${signal}: finishing in-flight requests and closing the ledger…`);
          gateway.close().then(resolve, resolve);
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
      io.out(`costops gateway listening on ${gateway.url} (config: ${source}, ledger: ${redactUrl(config.storage.url)})`);
      if (gateway.recovered > 0) io.out(`recovered ${gateway.recovered} request(s) left unfinished by the previous run (status unknown_outcome)`);
      if (config.providers.length === 0) {
        io.out('no providers configured: every model request will get model_not_found. Add one in costops.config.yaml, e.g.');
        io.out('  providers:\n    - { name: openai, kind: openai, base_url: "https://api.openai.com/v1", api_key: ${OPENAI_API_KEY}, models: ["*"] }');
      } else {
        io.out(`providers: ${config.providers.map((provider) => `${provider.name} (${provider.kind})`).join(', ')}`);
      }
      const idle = unevaluatedAlertRules(config);
      if (idle.length > 0) {
        const rules = idle.map((rule) => `"${rule.name}" (${rule.kind})`).join(', ');
        io.err(`warning: alert rule(s) ${rules}: this version does not evaluate that kind yet, so they will never fire`);
      }
      io.out(`point an OpenAI SDK at ${gateway.url}/v1, an Anthropic SDK at ${gateway.url}`);
      await stopped;
      io.out('stopped');
    });
}
