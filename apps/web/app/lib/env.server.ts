import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const EnvSchema = z.object({
  API_URL: z
    .url({ message: 'API_URL must be the address of the GraphQL API, e.g. http://127.0.0.1:4000/graphql' })
    .default('http://127.0.0.1:4000/graphql'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Signs the short-lived flash cookie. Without one, a fresh secret per process is fine:
  // a restart only drops notices that were waiting to be shown.
  SESSION_SECRET: z.string().min(16).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
});

export type Env = z.infer<typeof EnvSchema> & { SESSION_SECRET: string };

function parseEnv(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`The web app's settings are not valid:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, SESSION_SECRET: parsed.data.SESSION_SECRET ?? randomBytes(32).toString('hex') };
}

export const env: Env = parseEnv();
