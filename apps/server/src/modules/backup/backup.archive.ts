import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';

/**
 * The backup archive: one file, `header ‖ AES-256-GCM(gzip(frame)) ‖ tag`.
 *
 * - header (29 bytes, in clear, authenticated as AAD): magic `CVBACKUP`, format version, the first 8 bytes of
 *   SHA-256(key) (so a wrong key is told apart from a damaged file), and a random 12-byte IV per archive;
 * - frame: the manifest (JSON) followed by named entries (the database dump, uploaded files, embedded secrets);
 * - every entry's SHA-256 is in the manifest, and the manifest's `checksum` covers them all, checked on restore
 *   after the GCM tag.
 */
const MAGIC = Buffer.from('CVBACKUP', 'ascii');
export const ARCHIVE_FORMAT = 1;
const HEADER_LENGTH = MAGIC.length + 1 + 8 + 12;
const TAG_LENGTH = 16;

export const ZBackupManifest = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  app: z.literal('cloud-vertice'),
  appVersion: z.string(),
  createdAt: z.string(),
  engine: z.enum(['pglite', 'postgres']),
  /** `server_version` of the dumped database (PGlite embeds PostgreSQL). */
  engineVersion: z.string(),
  /** pg_dump's major version (PostgreSQL only): pg_restore must be at least as new. */
  dumpToolMajor: z.number().int().nullable(),
  migration: z.object({ count: z.number().int().min(0), lastCreatedAt: z.number().nullable() }),
  /** First 8 bytes of SHA-256(ENCRYPTION_KEY), hex: the key the data's encrypted columns need. */
  encryptionKeyId: z.string(),
  files: z.object({ storage: z.enum(['local', 's3']), count: z.number().int().min(0) }),
  entries: z.array(z.object({ name: z.string(), size: z.number().int().min(0), sha256: z.string() })),
  /** SHA-256 over every entry's name and SHA-256, in order. */
  checksum: z.string(),
});
export type BackupManifest = z.infer<typeof ZBackupManifest>;
export type ManifestFields = Omit<BackupManifest, 'format' | 'app' | 'entries' | 'checksum'>;

export interface ArchiveEntry {
  name: string;
  data: Buffer;
}

export class BackupArchiveError extends Error {
  constructor(
    readonly code: 'not_an_archive' | 'wrong_key' | 'tampered' | 'unsupported_format',
    message: string,
  ) {
    super(message);
    this.name = 'BackupArchiveError';
  }
}

/** BACKUP_KEY: 64 hex characters (32 bytes). */
export function parseBackupKey(hex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new Error('BACKUP_KEY must be 64 hexadecimal characters (e.g. `openssl rand -hex 32`)');
  }
  return Buffer.from(hex, 'hex');
}

export const keyId = (key: Buffer | string) =>
  createHash('sha256')
    .update(typeof key === 'string' ? Buffer.from(key, 'hex') : key)
    .digest()
    .subarray(0, 8);

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function checksumOf(entries: BackupManifest['entries']): string {
  const hash = createHash('sha256');
  for (const entry of entries) hash.update(`${entry.name}\0${entry.sha256}\n`);
  return hash.digest('hex');
}

export function sealArchive(
  fields: ManifestFields,
  entries: ArchiveEntry[],
  key: Buffer,
): { archive: Buffer; manifest: BackupManifest } {
  const listed = entries.map((e) => ({ name: e.name, size: e.data.length, sha256: sha256(e.data) }));
  const manifest: BackupManifest = {
    format: ARCHIVE_FORMAT,
    app: 'cloud-vertice',
    ...fields,
    entries: listed,
    checksum: checksumOf(listed),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  const parts: Buffer[] = [u32(manifestBytes.length), manifestBytes];
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const size = Buffer.alloc(8);
    size.writeBigUInt64BE(BigInt(entry.data.length));
    parts.push(u16(name.length), name, size, entry.data);
  }
  const plain = gzipSync(Buffer.concat(parts), { level: 6 });
  const header = Buffer.concat([MAGIC, Buffer.from([ARCHIVE_FORMAT]), keyId(key), randomBytes(12)]);
  const cipher = createCipheriv('aes-256-gcm', key, header.subarray(HEADER_LENGTH - 12));
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { archive: Buffer.concat([header, body, cipher.getAuthTag()]), manifest };
}

export function openArchive(
  archive: Buffer,
  key: Buffer,
): { manifest: BackupManifest; entries: ArchiveEntry[] } {
  if (archive.length < HEADER_LENGTH + TAG_LENGTH || !archive.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupArchiveError('not_an_archive', 'This file is not a Cloud Vértice backup archive.');
  }
  const header = archive.subarray(0, HEADER_LENGTH);
  if (header[MAGIC.length] !== ARCHIVE_FORMAT) {
    throw new BackupArchiveError(
      'unsupported_format',
      `This archive uses format ${header[MAGIC.length]}; this version reads format ${ARCHIVE_FORMAT}.`,
    );
  }
  if (!header.subarray(MAGIC.length + 1, MAGIC.length + 9).equals(keyId(key))) {
    throw new BackupArchiveError(
      'wrong_key',
      'This archive was encrypted with a different BACKUP_KEY: set BACKUP_KEY to the key in use when it was made.',
    );
  }
  const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(HEADER_LENGTH - 12));
  decipher.setAAD(header);
  decipher.setAuthTag(archive.subarray(archive.length - TAG_LENGTH));
  let frame: Buffer;
  try {
    const plain = Buffer.concat([
      decipher.update(archive.subarray(HEADER_LENGTH, archive.length - TAG_LENGTH)),
      decipher.final(),
    ]);
    frame = gunzipSync(plain);
  } catch {
    throw tampered('its authentication tag does not match');
  }
  return readFrame(frame);
}

function readFrame(frame: Buffer): { manifest: BackupManifest; entries: ArchiveEntry[] } {
  let offset = 4;
  const manifestLength = frame.readUInt32BE(0);
  const parsed = ZBackupManifest.safeParse(
    JSON.parse(frame.subarray(offset, offset + manifestLength).toString()),
  );
  if (!parsed.success) throw tampered('its manifest is not valid');
  const manifest = parsed.data;
  offset += manifestLength;
  const entries: ArchiveEntry[] = [];
  while (offset < frame.length) {
    const nameLength = frame.readUInt16BE(offset);
    const name = frame.subarray(offset + 2, offset + 2 + nameLength).toString('utf8');
    offset += 2 + nameLength;
    const size = Number(frame.readBigUInt64BE(offset));
    offset += 8;
    entries.push({ name, data: frame.subarray(offset, offset + size) });
    offset += size;
  }
  const listed = entries.map((e) => ({ name: e.name, size: e.data.length, sha256: sha256(e.data) }));
  if (
    JSON.stringify(listed) !== JSON.stringify(manifest.entries) ||
    checksumOf(listed) !== manifest.checksum
  ) {
    throw tampered('its contents do not match the manifest checksum');
  }
  return { manifest, entries };
}

const tampered = (why: string) =>
  new BackupArchiveError(
    'tampered',
    `The archive is damaged or was tampered with (${why}); nothing was restored.`,
  );

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
