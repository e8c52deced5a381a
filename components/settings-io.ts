/**
 * Settings export and import as JSON. An import is validated whole before
 * anything is written: a bad file changes nothing and says what is wrong.
 * The file holds every setting, in a wrapper that names its format, so a
 * random JSON file is recognised as not ours.
 */
import * as v from 'valibot';
import { readSettings, type SettingKey, type Settings, settings } from '@/common/settings';
import { patternFromInput } from '@/common/site-access';

export const SETTINGS_FORMAT = 'policy-glossary-settings';
export const SETTINGS_VERSION = 1;
/** A settings file is a few hundred bytes; anything this big is something else. */
export const MAX_IMPORT_BYTES = 256 * 1024;

const sitePattern = v.pipe(
  v.string(),
  v.check(
    (p) => patternFromInput(p.replace(/^\*:\/\//, 'https://').replace(/\/\*$/, '')) === p,
    'a site pattern such as *://example.org/*',
  ),
);

/** One schema per setting: a new setting without one here fails to compile. */
const SCHEMAS: { [K in SettingKey]: v.GenericSchema<unknown, Settings[K]> } = {
  hoverDelay: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(5000)),
  markStyle: v.picklist(['underline', 'tint', 'none']),
  showPinyin: v.boolean(),
  showEnglish: v.boolean(),
  showParts: v.boolean(),
  explanation: v.picklist(['shown', 'collapsed', 'hidden']),
  theme: v.picklist(['auto', 'light', 'dark']),
  flagUnknown: v.boolean(),
  paused: v.boolean(),
  extraSites: v.array(sitePattern),
};

const FileSchema = v.strictObject({
  format: v.literal(SETTINGS_FORMAT),
  version: v.literal(SETTINGS_VERSION),
  settings: v.record(v.string(), v.unknown()),
});

export interface SettingsFile {
  format: typeof SETTINGS_FORMAT;
  version: typeof SETTINGS_VERSION;
  settings: Partial<Settings>;
}

export async function exportSettings(): Promise<string> {
  const file: SettingsFile = { format: SETTINGS_FORMAT, version: SETTINGS_VERSION, settings: await readSettings() };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type ImportError =
  | { kind: 'too-large' }
  | { kind: 'not-json'; detail: string }
  | { kind: 'wrong-format' }
  | { kind: 'invalid'; problems: Array<{ key: string; message: string } | { unknownKey: string }> };

export type ParsedImport = { ok: true; values: Partial<Settings> } | { ok: false; error: ImportError };

/** Checks a file's text; writes nothing. Settings the file leaves out keep their current values. */
export function parseSettingsFile(text: string): ParsedImport {
  if (text.length > MAX_IMPORT_BYTES) return { ok: false, error: { kind: 'too-large' } };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: { kind: 'not-json', detail: e instanceof Error ? e.message : String(e) } };
  }
  const file = v.safeParse(FileSchema, json);
  if (!file.success) return { ok: false, error: { kind: 'wrong-format' } };
  const problems: Extract<ImportError, { kind: 'invalid' }>['problems'] = [];
  const values: Partial<Record<SettingKey, unknown>> = {};
  for (const [key, value] of Object.entries(file.output.settings)) {
    if (!Object.hasOwn(SCHEMAS, key)) {
      problems.push({ unknownKey: key });
      continue;
    }
    const parsed = v.safeParse(SCHEMAS[key as SettingKey], value);
    if (parsed.success) values[key as SettingKey] = parsed.output;
    else problems.push({ key, message: parsed.issues[0]?.message ?? 'invalid' });
  }
  if (problems.length) return { ok: false, error: { kind: 'invalid', problems } };
  return { ok: true, values: values as Partial<Settings> };
}

/** Writes validated values, all of them or (on a storage error) as many as the browser took. */
export async function applySettings(values: Partial<Settings>): Promise<void> {
  await Promise.all(
    (Object.keys(values) as SettingKey[]).map((key) =>
      (settings[key] as { setValue(v: unknown): Promise<void> }).setValue(values[key]),
    ),
  );
}
