/** The storage adapters keep what they are given, under their prefix. */
import { describe, expect, it } from 'vitest';

import { memoryStorage, webStorage } from '../../src/index.js';

describe('storage adapters', () => {
  it('memory storage keeps and forgets', async () => {
    const storage = memoryStorage();
    await storage.setItem('a', '1');
    expect(await storage.getItem('a')).toBe('1');
    await storage.removeItem('a');
    expect(await storage.getItem('a')).toBeNull();
  });

  it('web storage writes under its prefix', () => {
    const items = new Map<string, string>();
    const fake = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    } as unknown as Storage;
    const storage = webStorage(fake, 'app1:');
    storage.setItem('village.session', 'x');
    expect([...items.keys()]).toEqual(['app1:village.session']);
    expect(storage.getItem('village.session')).toBe('x');
  });
});
