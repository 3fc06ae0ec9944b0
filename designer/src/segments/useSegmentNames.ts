import { useEffect, useState } from 'react';
import { segmentNames } from '../api/segments';

/**
 * The shop's segments' names by id, for words on the canvas ("油性肤质客户" rather than its id).
 * Empty until read, and when the read fails: the id is shown then, as before.
 */
export function useSegmentNames(): ReadonlyMap<string, string> {
  const [known, setKnown] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let current = true;
    segmentNames().then(
      (read) => current && setKnown(read),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return known;
}
