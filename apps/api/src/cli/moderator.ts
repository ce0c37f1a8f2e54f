import { GraphQLError } from 'graphql';
import { MESSAGES } from '../moderators/messages';
import { validEmail, validNewPassword, validRole } from '../moderators/validation';

/**
 * `npm run -s moderator -- <command>`: moderator accounts from the command line.
 *
 *   create --email E --role MODERATOR|ADMIN [--password-stdin]
 *       prints {"email","role","password"} (a one-time password; none with --password-stdin)
 *   revoke-sessions --email E     prints {"email","revokedSessions"}
 *   disable --email E             prints {"email","disabled":true,"revokedSessions"}
 *   export-labels                 prints one {"text","decision","category","ruleId"} line per
 *                                 post a moderator decided: training labels for the tone engine
 *
 * Exactly one JSON line on stdout on success; on failure a one-line reason on stderr and a
 * non-zero exit (2: bad usage or input, 1: the account or the database said no). Nest,
 * TypeORM, argon2 and PostgreSQL load only once the input is valid, so mistakes answer fast.
 */
const USAGE =
  'Usage: npm run -s moderator -- create --email E --role MODERATOR|ADMIN [--password-stdin] | revoke-sessions --email E | disable --email E | export-labels';

class HelpRequested extends Error {}

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const usage = (reason: string) => new CliError(`${reason} ${USAGE}`, 2);

interface Options {
  email?: string;
  role?: string;
  passwordStdin: boolean;
}

const FLAGS: Record<string, string[]> = {
  create: ['email', 'role', 'password-stdin'],
  'revoke-sessions': ['email'],
  disable: ['email'],
  'export-labels': [],
};

export function parseArgs(argv: string[]): { command: string; options: Options } {
  const [command, ...rest] = argv;
  if (!command) throw usage('A command is required.');
  if (['help', '--help', '-h'].includes(command)) throw new HelpRequested(USAGE);
  const allowed = FLAGS[command];
  if (!allowed) throw usage(`Unknown command "${command}".`);
  const options: Options = { passwordStdin: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const match = arg.match(/^--([a-z-]+)(?:=(.*))?$/s);
    if (!match || !allowed.includes(match[1])) throw usage(`Unknown argument "${arg}".`);
    const [, name, inline] = match;
    if (name === 'password-stdin') {
      if (inline !== undefined) throw usage('--password-stdin takes no value.');
      options.passwordStdin = true;
      continue;
    }
    const value = inline ?? rest[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw usage(`--${name} needs a value.`);
    if (name === 'email') options.email = value;
    if (name === 'role') options.role = value;
  }
  if (options.email === undefined && command !== 'export-labels') throw usage('--email is required.');
  if (command === 'create' && options.role === undefined) throw usage('--role is required.');
  return { command, options };
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Type the password, then press Enter and Ctrl-D.\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The password piped in: one trailing line break is not part of it. */
function stripNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/** Returns the one JSON line to print, or null when the command streamed its own lines. */
async function run(argv: string[]): Promise<Record<string, unknown> | null> {
  const { command, options } = parseArgs(argv);
  if (command === 'export-labels') return exportLabels();
  // Everything that can be checked is checked before the database is touched.
  const email = asInput(() => validEmail(options.email!));
  let password: string | null = null;
  if (command === 'create') {
    asInput(() => validRole(options.role!));
    if (options.passwordStdin) {
      const piped = stripNewline(await readStdin());
      password = asInput(() => validNewPassword(piped));
    }
  }

  require('reflect-metadata');
  const { loadConfig } = require('../config/config') as typeof import('../config/config');
  const { openCliDatabase } = require('./database') as typeof import('./database');
  const { ModeratorsService } = require('../moderators/moderators.service') as typeof import('../moderators/moderators.service');
  const { MemoryRateLimitStore, RateLimiter } = require('../common/rate-limit') as typeof import('../common/rate-limit');
  const { createLogger } = require('../common/logger') as typeof import('../common/logger');
  const config = loadConfig();
  const database = await openCliDatabase(config);
  try {
    const service = new ModeratorsService(database.db, config, new RateLimiter(new MemoryRateLimitStore()), createLogger('silent'));
    if (command === 'create') {
      const created = await service.createAccount({ email, role: options.role!, password }).catch((error: unknown) => {
        throw error instanceof GraphQLError ? new CliError(error.message, 1) : error;
      });
      const out: Record<string, unknown> = { email: created.moderator.email, role: created.moderator.role };
      if (created.generatedPassword) out.password = created.generatedPassword;
      return out;
    }
    const account = await service.findByEmail(email);
    if (!account) throw new CliError(MESSAGES.noAccount, 1);
    if (command === 'revoke-sessions') return { email, revokedSessions: await service.revokeAllSessions(account.id) };
    const disabled = await service.disable(email);
    return { email, disabled: true, revokedSessions: disabled?.revokedSessions ?? 0 };
  } finally {
    await database.close();
  }
}

/** JSON Lines on stdout, written as they are read: the export may be larger than memory. */
async function exportLabels(): Promise<null> {
  const { loadConfig } = require('../config/config') as typeof import('../config/config');
  const { openCliDatabase } = require('./database') as typeof import('./database');
  const { decidedLabels } = require('../moderation/labels') as typeof import('../moderation/labels');
  const database = await openCliDatabase(loadConfig());
  try {
    for await (const label of decidedLabels(database.db)) {
      if (!process.stdout.write(`${JSON.stringify(label)}\n`)) await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
  } finally {
    await database.close();
  }
  return null;
}

/** Validation errors (GraphQL errors with a field) become usage errors with the same sentence. */
function asInput<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof GraphQLError) throw new CliError(error.message, 2);
    throw error;
  }
}

/** Configuration and embedded-database errors already say what to do. */
function isWrittenForPeople(error: unknown): boolean {
  const { ConfigError } = require('../config/config') as typeof import('../config/config');
  const { EmbeddedDatabaseError } = require('../database/embedded') as typeof import('../database/embedded');
  return error instanceof ConfigError || error instanceof EmbeddedDatabaseError;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Runs one command; sets process.exitCode. `scripts/run-api-cli.mjs` calls this in its own process. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  try {
    const result = await run(argv);
    if (result) process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exitCode = 0;
  } catch (error) {
    let message: string;
    let code = 1;
    if (error instanceof HelpRequested) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 0;
      return;
    }
    if (error instanceof CliError) {
      message = error.message;
      code = error.exitCode;
    } else if (isWrittenForPeople(error)) {
      message = (error as Error).message;
    } else if ((error as NodeJS.ErrnoException)?.code === 'ECONNREFUSED') {
      message = 'Could not reach the database at DATABASE_URL. Is PostgreSQL running there?';
    } else {
      message = `The moderator command failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    process.stderr.write(`${oneLine(message)}\n`);
    process.exitCode = code;
  }
}

if (require.main === module) void main();
