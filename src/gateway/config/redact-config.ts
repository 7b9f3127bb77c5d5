import type { Channel } from './channel-schema.ts';
import type { Config } from './config-schema.ts';

export const REDACTED = '***';

// Header names that usually carry credentials; other headers (versions, org ids) stay readable.
const SECRET_HEADER = /auth|key|token|secret|cookie|password|signature/i;

/**
 * A copy of the config that is safe to print or log (SPEC §1.4): provider and admin keys, URL
 * passwords, query strings of webhook URLs and the token path of Slack webhooks are masked.
 */
export function redactConfig(config: Config): Config {
  return {
    ...config,
    storage: { ...config.storage, url: redactUrl(config.storage.url) },
    ...(config.redis === undefined ? {} : { redis: { ...config.redis, url: redactUrl(config.redis.url) } }),
    auth: { ...config.auth, ...(config.auth.admin_key === undefined ? {} : { admin_key: REDACTED }) },
    providers: config.providers.map((provider) => ({
      ...provider,
      base_url: redactUrl(provider.base_url),
      ...(provider.api_key === undefined ? {} : { api_key: REDACTED }),
      ...(provider.headers === undefined
        ? {}
        : {
            headers: Object.fromEntries(
              Object.entries(provider.headers).map(([name, value]) => [name, SECRET_HEADER.test(name) ? REDACTED : value]),
            ),
          }),
    })),
    budgets: config.budgets.map((budget) =>
      budget.channel === undefined ? budget : { ...budget, channel: redactChannel(budget.channel) },
    ),
    alerts: config.alerts.map((alert) => ({ ...alert, channel: redactChannel(alert.channel) })),
  };
}

function redactChannel(channel: Channel): Channel {
  return {
    ...(channel.webhook === undefined ? {} : { webhook: redactUrl(channel.webhook) }),
    // A Slack incoming-webhook URL is itself the credential: its path after /services/ is the token.
    ...(channel.slack === undefined ? {} : { slack: redactUrl(channel.slack, { keepPathSegments: 1 }) }),
  };
}

/**
 * Masks the password, every query value and, optionally, the path beyond its first segments.
 * A URL with nothing to mask (a sqlite: path, say) is returned exactly as written.
 */
export function redactUrl(url: string, options: { keepPathSegments?: number } = {}): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  let changed = false;
  if (parsed.password !== '') {
    parsed.password = REDACTED;
    changed = true;
  }
  for (const name of new Set(parsed.searchParams.keys())) {
    parsed.searchParams.set(name, REDACTED);
    changed = true;
  }
  if (options.keepPathSegments !== undefined) {
    const segments = parsed.pathname.split('/').filter((segment) => segment !== '');
    if (segments.length > options.keepPathSegments) {
      parsed.pathname = `/${[...segments.slice(0, options.keepPathSegments), REDACTED].join('/')}`;
      changed = true;
    }
  }
  return changed ? parsed.toString() : url;
}
