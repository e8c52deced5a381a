/**
 * The options page: every setting of the settings module, saved as it
 * changes; the sites the glossary runs on (the default list, and the ones
 * the user added, with add and remove); the global pause; and export and
 * import of all settings as JSON.
 */

import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { sendToExtension } from '@/common/messages';
import { type Settings, settings } from '@/common/settings';
import {
  addSite,
  hasPermission,
  isDefaultSite,
  patternFromInput,
  patternHost,
  removeSite,
  requestPermission,
} from '@/common/site-access';
import { DEFAULT_SITES } from '@/common/sites';
import { applySettings, exportSettings, type ImportError, parseSettingsFile } from './settings-io';
import { useSettings, useTheme } from './use-settings';

type Status = { kind: 'ok' | 'error'; text: string } | null;

function importErrorText(error: ImportError): string {
  switch (error.kind) {
    case 'too-large':
      return i18n.t('importTooLarge');
    case 'not-json':
      return i18n.t('importNotJson', [error.detail]);
    case 'wrong-format':
      return i18n.t('importWrongFormat');
    case 'invalid':
      return i18n.t('importInvalid', [
        error.problems
          .map((p) => ('unknownKey' in p ? i18n.t('importUnknownKey', [p.unknownKey]) : `${p.key}: ${p.message}`))
          .join('; '),
      ]);
  }
}

const syncSites = () => sendToExtension('sync-sites', {}).catch(() => undefined);

function Choice<T extends string>(props: {
  legend: string;
  name: string;
  value: T;
  options: ReadonlyArray<readonly [T, string]>;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.options.map(([value, label]) => (
        <label key={value}>
          <input
            type="radio"
            name={props.name}
            value={value}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
          />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  );
}

function Toggle(props: { label: string; checked: boolean; onChange: (checked: boolean) => void; name: string }) {
  return (
    <label>
      <input
        type="checkbox"
        name={props.name}
        checked={props.checked}
        onChange={(e) => props.onChange((e.target as HTMLInputElement).checked)}
      />{' '}
      {props.label}
    </label>
  );
}

function Sites({ extra }: { extra: string[] }) {
  const [granted, setGranted] = useState<Record<string, boolean>>({});
  const [input, setInput] = useState('');
  const [status, setStatus] = useState<Status>(null);

  useEffect(() => {
    const check = () =>
      void Promise.all(extra.map(hasPermission)).then((list) =>
        setGranted(Object.fromEntries(extra.map((p, i) => [p, list[i] ?? false]))),
      );
    check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, [extra]);

  const grant = (pattern: string) => {
    // First await of the handler: the request needs the click's user gesture.
    void requestPermission(pattern).then(async (ok) => {
      if (!ok) {
        setStatus({ kind: 'error', text: i18n.t('siteDenied') });
        return;
      }
      await addSite(pattern);
      await syncSites();
      setInput('');
      setStatus(null);
    });
  };

  const onAdd = (e: Event) => {
    e.preventDefault();
    const pattern = patternFromInput(input);
    if (!pattern) {
      setStatus({ kind: 'error', text: i18n.t('siteInvalid') });
      return;
    }
    if (isDefaultSite(`https://${patternHost(pattern)}/`)) {
      setStatus({ kind: 'ok', text: i18n.t('siteDefault') });
      return;
    }
    grant(pattern);
  };

  return (
    <section aria-labelledby="pg-sites">
      <h2 id="pg-sites">{i18n.t('sectionSites')}</h2>
      <h3>{i18n.t('sitesDefault')}</h3>
      <ul class="pg-site-list pg-default-sites">
        {DEFAULT_SITES.map((p) => (
          <li key={p}>{patternHost(p)}</li>
        ))}
      </ul>
      <h3>{i18n.t('sitesExtra')}</h3>
      {extra.length ? (
        <ul class="pg-site-list pg-extra-sites">
          {extra.map((p) => (
            <li key={p} data-pattern={p}>
              {patternHost(p)}
              {granted[p] === false && (
                <button type="button" class="pg-button pg-missing" onClick={() => grant(p)}>
                  {i18n.t('siteMissingPermission')}
                </button>
              )}
              <button
                type="button"
                class="pg-button pg-remove"
                onClick={() => void removeSite(p).then(syncSites)}
                aria-label={`${i18n.t('removeSite')} ${patternHost(p)}`}
              >
                {i18n.t('removeSite')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="pg-note">{i18n.t('sitesNone')}</p>
      )}
      <form class="pg-row" onSubmit={onAdd}>
        <label>
          {i18n.t('siteInput')}{' '}
          <input
            type="text"
            name="site"
            inputMode="url"
            autocomplete="off"
            placeholder={i18n.t('siteInputPlaceholder')}
            value={input}
            onInput={(e) => setInput((e.target as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" class="pg-button">
          {i18n.t('addSite')}
        </button>
      </form>
      {status && (
        <p class={status.kind === 'error' ? 'pg-error' : 'pg-note'} role="status">
          {status.text}
        </p>
      )}
    </section>
  );
}

function Backup() {
  const [status, setStatus] = useState<Status>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const onExport = async () => {
    const url = URL.createObjectURL(new Blob([await exportSettings()], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'policy-glossary-settings.json';
    a.click();
    // The download has its own copy once started; a tick later the URL can go.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const onImport = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const parsed = parseSettingsFile(await file.text());
    if (!parsed.ok) {
      setStatus({ kind: 'error', text: importErrorText(parsed.error) });
      return;
    }
    await applySettings(parsed.values);
    await syncSites();
    setStatus({ kind: 'ok', text: i18n.t('importDone') });
  };

  return (
    <section aria-labelledby="pg-backup">
      <h2 id="pg-backup">{i18n.t('sectionBackup')}</h2>
      <div class="pg-row">
        <button type="button" class="pg-button pg-export" onClick={() => void onExport()}>
          {i18n.t('exportSettings')}
        </button>
        <button type="button" class="pg-button pg-import" onClick={() => fileRef.current?.click()}>
          {i18n.t('importSettings')}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept="application/json,.json"
          class="pg-visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => void onImport(e)}
        />
      </div>
      {status && (
        <p class={status.kind === 'error' ? 'pg-error pg-import-status' : 'pg-ok pg-import-status'} role="status">
          {status.text}
        </p>
      )}
    </section>
  );
}

export function Options() {
  const values = useSettings();
  useTheme(values?.theme);
  if (!values) return null;
  const set =
    <K extends keyof Settings>(key: K) =>
    (value: Settings[K]) =>
      void (settings[key] as { setValue(v: Settings[K]): Promise<void> }).setValue(value);
  return (
    <main class="pg-options">
      <h1>{i18n.t('optionsTitle')}</h1>
      <section aria-labelledby="pg-card">
        <h2 id="pg-card">{i18n.t('sectionCard')}</h2>
        <label>
          {i18n.t('hoverDelay')}{' '}
          <input
            type="number"
            name="hoverDelay"
            min={0}
            max={2000}
            step={50}
            value={values.hoverDelay}
            onChange={(e) => {
              const n = Math.round(Number((e.target as HTMLInputElement).value));
              if (Number.isFinite(n) && n >= 0 && n <= 5000) set('hoverDelay')(n);
            }}
          />
        </label>
        <Toggle
          name="showPinyin"
          label={i18n.t('showPinyin')}
          checked={values.showPinyin}
          onChange={set('showPinyin')}
        />
        <Toggle
          name="showEnglish"
          label={i18n.t('showEnglish')}
          checked={values.showEnglish}
          onChange={set('showEnglish')}
        />
        <Toggle name="showParts" label={i18n.t('showParts')} checked={values.showParts} onChange={set('showParts')} />
        <Toggle
          name="flagUnknown"
          label={i18n.t('flagUnknown')}
          checked={values.flagUnknown}
          onChange={set('flagUnknown')}
        />
        <Choice
          legend={i18n.t('explanation')}
          name="explanation"
          value={values.explanation}
          options={[
            ['shown', i18n.t('explanationShown')],
            ['collapsed', i18n.t('explanationCollapsed')],
            ['hidden', i18n.t('explanationHidden')],
          ]}
          onChange={set('explanation')}
        />
        <Choice
          legend={i18n.t('theme')}
          name="theme"
          value={values.theme}
          options={[
            ['auto', i18n.t('themeAuto')],
            ['light', i18n.t('themeLight')],
            ['dark', i18n.t('themeDark')],
          ]}
          onChange={set('theme')}
        />
      </section>
      <section aria-labelledby="pg-marks">
        <h2 id="pg-marks">{i18n.t('sectionMarks')}</h2>
        <Choice
          legend={i18n.t('markStyle')}
          name="markStyle"
          value={values.markStyle}
          options={[
            ['underline', i18n.t('markUnderline')],
            ['tint', i18n.t('markTint')],
            ['none', i18n.t('markNone')],
          ]}
          onChange={set('markStyle')}
        />
      </section>
      <Sites extra={values.extraSites} />
      <section aria-labelledby="pg-pause">
        <h2 id="pg-pause">{i18n.t('sectionPause')}</h2>
        <Toggle name="paused" label={i18n.t('pauseAll')} checked={values.paused} onChange={set('paused')} />
      </section>
      <Backup />
    </main>
  );
}
