import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.ts';
import { fileTooLarge } from './import-error.ts';
import type { ImportFile } from './source.ts';

/** Room for the multipart boundaries, part headers and the small text fields beside the file. */
const MULTIPART_OVERHEAD = 256 * 1024;

export type Upload = { file: ImportFile; size: number; fields: Record<string, string>; cleanup(): Promise<void> };

/**
 * Receives the multipart field `file` into a temporary file, so a 100 MB import never sits in memory.
 * A declared Content-Length over the limit is refused before a byte is read; an upload without one
 * is cut off as soon as it passes the limit. The caller must call cleanup().
 */
export async function receiveUpload(req: FastifyRequest, maxBytes: number): Promise<Upload> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD) throw fileTooLarge(maxBytes);
  if (!req.isMultipart()) throw new AppError(415, 'problem.unsupported_media_type');
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'unyo-import-'));
  const cleanup = () => fs.promises.rm(dir, { recursive: true, force: true });
  try {
    const fields: Record<string, string> = {};
    let file: ImportFile | null = null;
    let size = 0;
    // throwFileSizeLimit is read by @fastify/multipart but missing from its option types.
    const options = { limits: { fileSize: maxBytes + 1, files: 1, fields: 10, fieldSize: 1024 * 1024 }, throwFileSizeLimit: false };
    const parts = req.parts(options as Parameters<typeof req.parts>[0]);
    for await (const part of parts) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        continue;
      }
      const target = path.join(dir, 'upload');
      let tooLarge = false;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > maxBytes) {
            tooLarge = true;
            return done(fileTooLarge(maxBytes));
          }
          done(null, chunk);
        },
      });
      try {
        await pipeline(part.file, counter, fs.createWriteStream(target));
      } catch (e) {
        if (tooLarge) throw fileTooLarge(maxBytes);
        throw e;
      }
      if (part.file.truncated) throw fileTooLarge(maxBytes);
      file = { path: target, name: part.filename || 'upload' };
    }
    if (!file) throw new AppError(422, 'problem.validation', [{ path: 'file', key: 'error.required' }]);
    return { file, size, fields, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
