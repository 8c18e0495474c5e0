import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** Test helpers for the import/export routes: a browser-like multipart form post. */

type Sender = { cookie: string | null; csrf: string | null; bearer?: string | null };
export type FormFile = { name: string; data: Buffer; type?: string };

export function multipart(file: FormFile | null, fields: Record<string, string> = {}) {
  const boundary = `----unyo${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}`, boundary };
}

export function authHeaders(client: Sender, extra: Record<string, string> = {}): Record<string, string> {
  const h: Record<string, string> = { ...extra };
  if (client.cookie) h.cookie = client.cookie;
  if (client.csrf) h['x-csrf-token'] = client.csrf;
  if (client.bearer) h.authorization = `Bearer ${client.bearer}`;
  return h;
}

export function postFile(
  app: FastifyInstance,
  client: Sender,
  url: string,
  file: FormFile | null,
  opts: { fields?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  const { body, contentType } = multipart(file, opts.fields);
  return app.inject({ method: 'POST', url, headers: authHeaders(client, { 'content-type': contentType, ...opts.headers }), payload: body });
}

/** POST /<ledger>/import; dry run unless commit is set. */
export function importFile(
  app: FastifyInstance,
  client: Sender,
  ledger: string,
  file: FormFile,
  opts: { commit?: boolean; fields?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  return postFile(app, client, `/api/v1/${ledger}/import?dryRun=${opts.commit ? 'false' : 'true'}`, file, opts);
}

export function csvOf(rows: (string | number)[][]): string {
  return rows.map((r) => r.map((c) => (/[",\r\n]/.test(String(c)) ? `"${String(c).replaceAll('"', '""')}"` : String(c))).join(',')).join('\r\n') + '\r\n';
}
