import { useEffect, useState } from 'react';
import { fetchTags, type ShopTag } from '../api/tags';

// One request per editor session and a fresh one when a builder mounts later: tags change with
// imports and tag rules, but not while one condition is being edited.
let cached: Promise<ShopTag[]> | null = null;
let cachedAt = 0;
const maxAgeMs = 60_000;

function load(): Promise<ShopTag[]> {
  if (!cached || Date.now() - cachedAt > maxAgeMs) {
    cachedAt = Date.now();
    cached = fetchTags().then(
      (r) => r.tags,
      () => {
        // A picker without suggestions still takes any tag typed; try again next time.
        cached = null;
        return [];
      },
    );
  }
  return cached;
}

/** The shop's tags for the tag pickers (GET /api/tags), most used first; empty until loaded. */
export function useShopTags(enabled: boolean): ShopTag[] {
  const [tags, setTags] = useState<ShopTag[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void load().then((t) => live && setTags(t));
    return () => {
      live = false;
    };
  }, [enabled]);
  return tags;
}
