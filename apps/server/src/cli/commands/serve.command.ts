import { loadConfig } from '../../config/config';
import { startServer } from '../../server/start-server';
import type { Command } from '../command';

export const serveCommand: Command = {
  path: ['serve'],
  summary: 'run the server (API, realtime stream and web app) on an embedded or external PostgreSQL',
  usage: 'psap serve [--port N] [--host H] [--data-dir DIR] [--database-url URL] [--no-seed] [--log-level L] [--sip]',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    'no-seed': { type: 'boolean' },
    'log-level': { type: 'string' },
    sip: { type: 'boolean' },
  },
  flagHelp: [
    ['--port N', 'port to listen on (env PORT, default 8080)'],
    ['--host H', 'address to listen on (env HOST, default 127.0.0.1)'],
    ['--data-dir DIR', 'where the embedded database and demo credentials live (env PSAP_DATA_DIR, default ./var)'],
    ['--database-url URL', 'use this PostgreSQL 15+ instead of the embedded one (env DATABASE_URL)'],
    ['--no-seed', 'do not load the demo jurisdiction into an empty database (env PSAP_SEED_DEMO=0)'],
    ['--log-level L', 'fatal, error, warn, info, debug, trace or silent (env PSAP_LOG_LEVEL)'],
    ['--sip', 'take NG9-1-1 calls over SIP, UDP and TCP (env PSAP_SIP=1; PSAP_SIP_HOST, PSAP_SIP_PORT default 127.0.0.1:5060)'],
  ],
  async run({ values }) {
    const config = loadConfig(process.env, {
      PORT: values.port as string | undefined,
      HOST: values.host as string | undefined,
      PSAP_DATA_DIR: values['data-dir'] as string | undefined,
      DATABASE_URL: values['database-url'] as string | undefined,
      PSAP_SEED_DEMO: values['no-seed'] ? '0' : undefined,
      PSAP_LOG_LEVEL: values['log-level'] as string | undefined,
      PSAP_SIP: values.sip ? '1' : undefined,
    });
    const log = (m: string) => process.stderr.write(`[psap] ${m}\n`);
    log(`starting with ${config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}`}`);
    const server = await startServer(config, { role: 'serve', log, logger: { level: config.logLevel }, listen: true });
    log(`console: ${server.url}/`);
    log(`API docs: ${server.url}/api/v1/docs`);

    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: finishing requests and stopping`);
      const force = setTimeout(() => {
        log('shutdown took longer than 30 s; exiting');
        process.exit(1);
      }, 30_000);
      force.unref();
      try {
        await server.close();
        log('stopped cleanly');
        process.exit(0);
      } catch (e) {
        log(`error while stopping: ${(e as Error).message}`);
        process.exit(1);
      }
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
    await new Promise(() => undefined); // serve until a signal
    return 0;
  },
};
