/**
 * Where the glossary runs, from the popup: whether this site is marked (by
 * default, or because the user enabled it), Enable / Disable on this site,
 * the global pause, and the way to the settings.
 */

import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { sendToExtension, sendToTab } from '@/common/messages';
import { settings } from '@/common/settings';
import { addSite, removeSite, requestPermission, type SiteState, sitePattern, siteState } from '@/common/site-access';
import type { TargetTab } from './use-target-tab';

type Props = { tab: TargetTab | undefined; paused: boolean };

const STATE_TEXT: Record<SiteState, () => string> = {
  unsupported: () => i18n.t('siteUnsupported'),
  default: () => i18n.t('siteDefault'),
  enabled: () => i18n.t('siteEnabled'),
  'needs-permission': () => i18n.t('siteNeedsPermission'),
  off: () => i18n.t('siteOff'),
};

export function SiteControl({ tab, paused }: Props) {
  const [state, setState] = useState<SiteState | null>(null);
  const [note, setNote] = useState('');
  const url = tab?.url;
  const pattern = sitePattern(url);

  useEffect(() => {
    let live = true;
    void siteState(url).then((s) => live && setState(s));
    return () => {
      live = false;
    };
  }, [url]);

  const enable = () => {
    if (!pattern) return;
    // The permission request first, with no await before it: it needs the click's user gesture.
    void requestPermission(pattern)
      .then(async (granted) => {
        if (!granted) {
          setNote(i18n.t('siteDenied'));
          return;
        }
        await addSite(pattern);
        await sendToExtension('sync-sites', {});
        setState(await siteState(url));
        setNote(i18n.t('siteReload'));
      })
      .catch((e: unknown) => setNote(String(e instanceof Error ? e.message : e)));
  };
  const disable = async () => {
    if (!pattern) return;
    await removeSite(pattern);
    await sendToExtension('sync-sites', {});
    if (tab?.id != null) await sendToTab(tab.id, 'stop-marking', {}, 'all').catch(() => {});
    setState(await siteState(url));
    setNote('');
  };

  return (
    <footer class="pg-site">
      <p class="pg-site-state" data-state={state ?? ''}>
        {state ? STATE_TEXT[state]() : ''}
        {note && <span class="pg-site-note"> {note}</span>}
      </p>
      <div class="pg-site-actions">
        {(state === 'off' || state === 'needs-permission') && (
          <button type="button" class="pg-button pg-enable" onClick={enable}>
            {state === 'off' ? i18n.t('enableSite') : i18n.t('grantAccess')}
          </button>
        )}
        {(state === 'enabled' || state === 'needs-permission') && (
          <button type="button" class="pg-button pg-disable" onClick={() => void disable()}>
            {i18n.t('disableSite')}
          </button>
        )}
        {note === i18n.t('siteReload') && tab?.id != null && (
          <button type="button" class="pg-button" onClick={() => void browser.tabs.reload(tab.id as number)}>
            {i18n.t('reloadPage')}
          </button>
        )}
        <button
          type="button"
          class="pg-button pg-pause"
          aria-pressed={paused}
          onClick={() => void settings.paused.setValue(!paused)}
        >
          {paused ? i18n.t('resumeAll') : i18n.t('pauseAll')}
        </button>
        <button type="button" class="pg-button pg-open-options" onClick={() => void browser.runtime.openOptionsPage()}>
          {i18n.t('openOptions')}
        </button>
      </div>
    </footer>
  );
}
