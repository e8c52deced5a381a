/**
 * The tab the popup is about. Opened from the toolbar (or its keyboard
 * command), that is the active tab of the current window. Opened as a window
 * of its own (the context-menu fallback), the URL names it: ?tab=…&url=….
 * The URL is only readable with access to the page (activeTab, granted by
 * opening the popup, or a host permission); the window's ?url= fills in.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

export interface TargetTab {
  /** null when there is no tab to talk to. */
  id: number | null;
  url: string | undefined;
}

export function useTargetTab(params: URLSearchParams): TargetTab | undefined {
  const [tab, setTab] = useState<TargetTab | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const resolve = async (): Promise<TargetTab> => {
      const given = Number(params.get('tab'));
      const paramUrl = params.get('url') ?? undefined;
      if (params.has('tab') && Number.isInteger(given)) {
        const t = await browser.tabs.get(given).catch(() => undefined);
        return { id: t?.id ?? null, url: t?.url ?? paramUrl };
      }
      const [active] = await browser.tabs.query({ active: true, currentWindow: true });
      // Opened as a page in a tab (tests, or a user's bookmark): no page to talk about.
      const own = active?.url?.startsWith(browser.runtime.getURL('/'));
      return active?.id !== undefined && !own
        ? { id: active.id, url: active.url ?? paramUrl }
        : { id: null, url: undefined };
    };
    void resolve().then((t) => live && setTab(t));
    return () => {
      live = false;
    };
  }, [params]);
  return tab;
}
