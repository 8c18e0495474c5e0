import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { ingestMail, type MailDeps } from './mail-inbound.ts';

export type SmtpListener = { port: number; close(): Promise<void> };

/** `host:port` → parts; `[::1]:2525` and a bare port (loopback) are accepted too. */
export function parseListen(v: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+))?:?(\d+)$/.exec(v.trim());
  if (!m) throw new Error(`UNYO_MAIL_SMTP_LISTEN must be host:port, got ${v}`);
  return { host: m[1] ?? m[2] ?? '127.0.0.1', port: Number(m[3]) };
}

/** Whether the listener takes mail for this recipient: an exact address or `@domain` from UNYO_MAIL_SMTP_ACCEPT. */
export function acceptsRecipient(accept: readonly string[], address: string): boolean {
  const a = address.toLowerCase();
  return accept.some((rule) => (rule.startsWith('@') ? a.endsWith(rule) : a === rule));
}

/**
 * The message body as it streams in, kept only up to the limit. smtp-server's `size` option only announces the limit
 * (EHLO SIZE) and marks the stream; it still streams the whole message to us, so holding every chunk until the end
 * would let one client fill the server's memory. Past the limit the chunks are counted and thrown away.
 */
export class LimitedBody {
  private chunks: Buffer[] = [];
  /** Bytes received so far, kept or not. */
  total = 0;
  /** Bytes held in memory. */
  held = 0;
  private readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  get exceeded(): boolean {
    return this.total > this.limit;
  }
  push(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.exceeded) {
      this.chunks = [];
      this.held = 0;
      return;
    }
    this.chunks.push(chunk);
    this.held += chunk.length;
  }
  take(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/**
 * The SMTP listener the agency's mail system relays help-desk mail to (decision 0013). It is not an open relay:
 * only configured recipients are accepted, messages are size-limited, and nothing is forwarded. A mail is accepted
 * (250) once it is ingested — dropped auto-replies included, since bouncing them would feed a loop; a database
 * failure answers 451 so the relay keeps the mail and retries.
 */
export async function startSmtpListener(deps: MailDeps): Promise<SmtpListener> {
  const cfg = deps.config.mailChannel;
  const { host, port } = parseListen(cfg.smtpListen ?? '');
  const log = deps.log ?? ((m: string) => console.info(m));
  const server = new SMTPServer({
    name: cfg.messageIdDomain,
    banner: 'Unyo service desk',
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    disableReverseLookup: true,
    size: cfg.maxMailBytes,
    logger: false,
    onAuth(_auth, _session, callback) {
      // The relay does not authenticate; a client that tries is told no rather than silently let through.
      callback(new Error('Authentication not supported'));
    },
    onRcptTo(address, _session, callback) {
      if (acceptsRecipient(cfg.acceptRecipients, address.address)) return callback();
      callback(Object.assign(new Error('Recipient not accepted here'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const body = new LimitedBody(cfg.maxMailBytes);
      stream.on('data', (c: Buffer) => body.push(c));
      stream.on('end', () => {
        if (body.exceeded || (stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
        }
        const envelopeFrom = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        ingestMail(deps, body.take(), { source: 'smtp', envelopeFrom }).then(
          () => callback(),
          (err: unknown) => {
            log(`[mail] SMTP ingest failed: ${String((err as Error)?.message ?? err)}`);
            callback(Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 }));
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => log(`[mail] SMTP listener error: ${err.message}`));
  const bound = (server.server.address() as AddressInfo).port;
  log(`[mail] SMTP listener on ${host}:${bound}`);
  return { port: bound, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Starts the listener with the app when UNYO_MAIL_SMTP_LISTEN is set, and closes it when the app closes. */
export function registerSmtpListener(app: FastifyInstance, deps: MailDeps): void {
  if (!deps.config.mailChannel.smtpListen) return;
  let listener: SmtpListener | null = null;
  app.addHook('onReady', async () => {
    listener = await startSmtpListener({ ...deps, log: deps.log ?? ((m) => app.log.info(m)) });
  });
  app.addHook('onClose', async () => {
    await listener?.close();
  });
}
