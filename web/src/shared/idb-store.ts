/** A tiny promise wrapper over one IndexedDB object store keyed by `id`. */
export type IdbStore<T extends { id: string }> = {
  all(): Promise<T[]>;
  get(id: string): Promise<T | undefined>;
  put(value: T): Promise<void>;
  delete(id: string): Promise<void>;
  close(): void;
};

const request = <R>(req: IDBRequest<R>) =>
  new Promise<R>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

export async function openStore<T extends { id: string }>(
  dbName: string,
  storeName: string,
): Promise<IdbStore<T>> {
  const open = indexedDB.open(dbName, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(storeName, { keyPath: 'id' });
  const db = await request(open);
  const store = (mode: IDBTransactionMode) =>
    db.transaction(storeName, mode).objectStore(storeName);
  const write = (op: (s: IDBObjectStore) => IDBRequest) =>
    new Promise<void>((resolve, reject) => {
      const tx = db.transaction(storeName, 'readwrite');
      op(tx.objectStore(storeName));
      // Resolved on commit, not on the request: only then is the value durable on the device.
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  return {
    all: () => request(store('readonly').getAll() as IDBRequest<T[]>),
    get: (id) => request(store('readonly').get(id) as IDBRequest<T | undefined>),
    put: (value) => write((s) => s.put(value)),
    delete: (id) => write((s) => s.delete(id)),
    close: () => db.close(),
  };
}
