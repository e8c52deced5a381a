/**
 * Every user setting, in one place. Defaults live here in code (`fallback`),
 * so storage holds only what the user changed, and a new default reaches
 * everyone who never touched that setting.
 */
import { storage } from 'wxt/utils/storage';
import { PAUSED_KEY } from './paused';

export type MarkStyle = 'underline' | 'tint' | 'none';
export type ExplanationMode = 'shown' | 'collapsed' | 'hidden';
export type Theme = 'auto' | 'light' | 'dark';

export const settings = {
  /** Milliseconds the pointer rests on a term before its card opens. */
  hoverDelay: storage.defineItem<number>('sync:hoverDelay', { fallback: 150 }),
  markStyle: storage.defineItem<MarkStyle>('sync:markStyle', { fallback: 'underline' }),
  showPinyin: storage.defineItem<boolean>('sync:showPinyin', { fallback: true }),
  showEnglish: storage.defineItem<boolean>('sync:showEnglish', { fallback: true }),
  showParts: storage.defineItem<boolean>('sync:showParts', { fallback: true }),
  explanation: storage.defineItem<ExplanationMode>('sync:explanation', { fallback: 'shown' }),
  theme: storage.defineItem<Theme>('sync:theme', { fallback: 'auto' }),
  /** Flag quoted slogans that no glossary defines. */
  flagUnknown: storage.defineItem<boolean>('sync:flagUnknown', { fallback: true }),
  /** Global pause: no marking anywhere. */
  paused: storage.defineItem<boolean>(`local:${PAUSED_KEY}`, { fallback: false }),
  /** Origins the user enabled beyond the default sites, as match patterns (https://example.org/*). */
  extraSites: storage.defineItem<string[]>('sync:extraSites', { fallback: [] }),
} as const;

export type SettingKey = keyof typeof settings;
export type Settings = { [K in SettingKey]: Awaited<ReturnType<(typeof settings)[K]['getValue']>> };

export async function readSettings(): Promise<Settings> {
  const keys = Object.keys(settings) as SettingKey[];
  const values = await Promise.all(keys.map((k) => settings[k].getValue()));
  return Object.fromEntries(keys.map((k, i) => [k, values[i]])) as Settings;
}

/** Calls `onChange` with all settings whenever any of them changes. Returns the unsubscribe function. */
export function watchSettings(onChange: (s: Settings) => void): () => void {
  const stops = (Object.keys(settings) as SettingKey[]).map((k) =>
    settings[k].watch(() => {
      void readSettings().then(onChange);
    }),
  );
  return () => {
    for (const stop of stops) stop();
  };
}
