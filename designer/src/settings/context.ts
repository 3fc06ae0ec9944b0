import { createContext, useContext } from 'react';
import type { SettingsProblem, ShopSettings } from '../../../engine/index';
import type { Path } from './draft';

/** What every section reads and writes: the draft, its problems by path, and whether this role may edit. */
export interface SettingsEditing {
  draft: ShopSettings;
  problems: readonly SettingsProblem[];
  readOnly: boolean;
  set(path: Path, value: unknown): void;
}

export const SettingsContext = createContext<SettingsEditing | null>(null);

export function useEditing(): SettingsEditing {
  const editing = useContext(SettingsContext);
  if (!editing) throw new Error('useEditing outside the settings page');
  return editing;
}
