// Settings import and export: a bad file changes nothing; a good one round-trips.
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readSettings, settings } from '@/common/settings';
import { applySettings, exportSettings, parseSettingsFile, SETTINGS_FORMAT } from '@/components/settings-io';

const file = (values: Record<string, unknown>) =>
  JSON.stringify({ format: SETTINGS_FORMAT, version: 1, settings: values });

beforeEach(() => fakeBrowser.reset());

describe('parseSettingsFile', () => {
  test('rejects text that is not JSON, with the parser’s reason', () => {
    const r = parseSettingsFile('{ nope');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('not-json');
  });

  test('rejects JSON that is not a settings file', () => {
    for (const text of ['[]', '{"markStyle":"tint"}', '{"format":"other","version":1,"settings":{}}', 'null']) {
      const r = parseSettingsFile(text);
      expect(r.ok ? 'ok' : r.error.kind, text).toBe('wrong-format');
    }
    const later = parseSettingsFile(JSON.stringify({ format: SETTINGS_FORMAT, version: 2, settings: {} }));
    expect(later.ok).toBe(false);
  });

  test('lists every bad value and unknown key, and keeps none of the good ones', () => {
    const r = parseSettingsFile(
      file({ markStyle: 'sparkly', hoverDelay: 1.5, showParts: false, extraSites: ['javascript:alert(1)'], x: 1 }),
    );
    expect(r.ok).toBe(false);
    if (r.ok || r.error.kind !== 'invalid') throw new Error('expected invalid');
    const named = r.error.problems.map((p) => ('unknownKey' in p ? `?${p.unknownKey}` : p.key));
    expect(named.sort()).toEqual(['?x', 'extraSites', 'hoverDelay', 'markStyle']);
  });

  test('rejects a file far larger than any settings file', () => {
    const r = parseSettingsFile(`"${'x'.repeat(300_000)}"`);
    expect(r.ok ? 'ok' : r.error.kind).toBe('too-large');
  });

  test('accepts a partial file: the settings it leaves out keep their values', () => {
    const r = parseSettingsFile(file({ markStyle: 'none', extraSites: ['*://example.org/*'] }));
    expect(r).toEqual({ ok: true, values: { markStyle: 'none', extraSites: ['*://example.org/*'] } });
  });
});

describe('export and import', () => {
  test('what is exported imports back to the same settings', async () => {
    await settings.markStyle.setValue('tint');
    await settings.hoverDelay.setValue(300);
    await settings.extraSites.setValue(['*://example.org/*']);
    const exported = await exportSettings();
    const before = await readSettings();
    fakeBrowser.reset();
    expect((await readSettings()).markStyle).toBe('underline');
    const parsed = parseSettingsFile(exported);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    await applySettings(parsed.values);
    expect(await readSettings()).toEqual(before);
  });
});
