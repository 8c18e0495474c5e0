import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError } from '../http/errors.ts';
import { files } from './files.table.ts';

export type StoredFile = { id: string; name: string; contentType: string; size: number; sha256: string; createdAt: Date };

/** One interface for attachments, uploaded imports and generated reports; drivers can change behind it. */
export interface FileStore {
  put(db: Db, file: { name: string; contentType: string; data: Buffer; purpose?: string; createdBy?: string | null }): Promise<StoredFile>;
  get(db: Db, id: string): Promise<(StoredFile & { data: Buffer; createdBy: string | null }) | null>;
  remove(db: Db, id: string): Promise<void>;
}

/** Accepted types, each with a signature check so a renamed file is refused. */
const accepted: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  'application/zip': isZip,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': isZip,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': isZip,
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': isZip,
  'text/csv': isText,
  'text/plain': isText,
  'message/rfc822': isText,
  'application/json': isText,
};

function isZip(b: Buffer) {
  return b[0] === 0x50 && b[1] === 0x4b && (b[2] === 0x03 || b[2] === 0x05) && (b[3] === 0x04 || b[3] === 0x06);
}

/** Text: no NUL bytes and no other binary signature in the first 8 KiB. */
function isText(b: Buffer) {
  const head = b.subarray(0, 8192);
  if (head.includes(0)) return false;
  return !Object.entries(accepted).some(([t, check]) => !t.startsWith('text/') && t !== 'message/rfc822' && t !== 'application/json' && check(head));
}

export function checkContent(contentType: string, data: Buffer, maxBytes: number): string {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (data.length === 0) throw new AppError(422, 'problem.validation', [{ path: 'file', key: 'error.required' }]);
  if (data.length > maxBytes) throw new AppError(413, 'problem.payload_too_large');
  const check = accepted[type];
  if (!check || !check(data)) throw new AppError(415, 'problem.unsupported_media_type');
  return type;
}

export const acceptedContentTypes = Object.keys(accepted);

export class PgFileStore implements FileStore {
  async put(db: Db, f: { name: string; contentType: string; data: Buffer; purpose?: string; createdBy?: string | null }) {
    const sha256 = createHash('sha256').update(f.data).digest('hex');
    const [row] = await db
      .insert(files)
      .values({
        name: f.name,
        contentType: f.contentType,
        size: f.data.length,
        sha256,
        purpose: f.purpose ?? 'attachment',
        data: f.data,
        createdBy: f.createdBy ?? null,
      })
      .returning({ id: files.id, name: files.name, contentType: files.contentType, size: files.size, sha256: files.sha256, createdAt: files.createdAt });
    return row;
  }
  async get(db: Db, id: string) {
    const [row] = await db.select().from(files).where(eq(files.id, id));
    return row ?? null;
  }
  async remove(db: Db, id: string) {
    await db.delete(files).where(eq(files.id, id));
  }
}
