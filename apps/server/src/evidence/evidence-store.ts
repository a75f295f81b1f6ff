import { join } from 'node:path';
import type { ServerConfig } from '../config/config';
import type { BlobStore } from './blob-store';
import { LocalBlobStore } from './local-blob-store';
import { S3BlobStore } from './s3-blob-store';

/** The folders evidence uses under the data directory (never inside the repository). */
export function evidenceDirs(config: Pick<ServerConfig, 'dataDir'>): { root: string; incoming: string; cache: string } {
  const root = join(config.dataDir, 'evidence');
  return { root, incoming: join(root, 'incoming'), cache: join(config.dataDir, 'evidence-cache') };
}

const stores = new WeakMap<ServerConfig, Map<string, BlobStore>>();

/**
 * The store that holds (or will hold) evidence bytes: `kind` is an item's recorded store, or the
 * configured one for new items. One instance per configuration, so verification caches are shared.
 */
export function blobStore(config: ServerConfig, kind: 'local' | 's3' = config.evidence.store): BlobStore {
  let byKey = stores.get(config);
  if (!byKey) stores.set(config, (byKey = new Map()));
  const dirs = evidenceDirs(config);
  const key = kind === 's3' ? `s3:${JSON.stringify(config.evidence.s3)}:${dirs.root}` : `local:${dirs.root}`;
  let store = byKey.get(key);
  if (!store) {
    if (kind === 's3') {
      if (!config.evidence.s3) throw new Error('this item is in S3 storage, but PSAP_EVIDENCE_STORE=s3 and its settings are not configured');
      store = new S3BlobStore(config.evidence.s3, new LocalBlobStore(dirs.cache), dirs.incoming);
    } else store = new LocalBlobStore(dirs.root);
    byKey.set(key, store);
  }
  return store;
}
