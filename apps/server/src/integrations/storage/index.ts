import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { createLocalFileStorage } from './local.ts';
import { createS3FileStorage } from './s3.ts';
import type { FileStorage } from './storage.ts';

export type { FileStorage } from './storage.ts';

/** S3 when its variables are set (config checks they come together), else the local disk under DATA_DIR. */
export function createFileStorage(config: Config): FileStorage & { close?(): void } {
  if (config.S3_BUCKET && config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY) {
    return createS3FileStorage({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      bucket: config.S3_BUCKET,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  }
  return createLocalFileStorage(join(config.DATA_DIR, 'files'));
}
