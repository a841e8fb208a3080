/**
 * Ready storage adapters: memory (tests, Node), the browser's `localStorage`, and
 * IndexedDB (a PWA whose service worker needs the session too). React Native's
 * `AsyncStorage` fits `KeyValueStorage` as it is.
 */
import type { KeyValueStorage } from './platform.js';

/** Storage that lives as long as the process. */
export function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** The browser's `localStorage` (or any `Storage`), with keys under `prefix`. */
export function webStorage(storage: Storage = globalThis.localStorage, prefix = ''): KeyValueStorage {
  return {
    getItem: (key) => storage.getItem(prefix + key),
    setItem: (key, value) => storage.setItem(prefix + key, value),
    removeItem: (key) => storage.removeItem(prefix + key),
  };
}

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** An IndexedDB database `name` with one object store of strings. */
export function indexedDbStorage(name = 'village-sdk', factory: IDBFactory = globalThis.indexedDB): KeyValueStorage {
  const store = 'items';
  let opened: Promise<IDBDatabase> | undefined;
  const database = () => {
    if (!opened) {
      const request = factory.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(store);
      opened = promised(request);
    }
    return opened;
  };
  const objects = async (mode: IDBTransactionMode) => (await database()).transaction(store, mode).objectStore(store);
  return {
    getItem: async (key) => {
      const value: unknown = await promised((await objects('readonly')).get(key));
      return typeof value === 'string' ? value : null;
    },
    setItem: async (key, value) => void (await promised((await objects('readwrite')).put(value, key))),
    removeItem: async (key) => void (await promised((await objects('readwrite')).delete(key))),
  };
}
