/**
 * The glossary terms on the tab's page, from its content script, refreshed
 * when the page reports a change (a re-scan after the DOM changed).
 */
import { useEffect, useState } from 'preact/hooks';
import { onMessages, type PageTermRow, sendToTab } from '@/common/messages';

export type PageTermsState =
  | { status: 'loading' }
  /** No content script answered: not a marked site, paused, or a browser page. */
  | { status: 'unavailable' }
  | { status: 'ready'; terms: PageTermRow[] };

export function usePageTerms(tabId: number | null | undefined): PageTermsState {
  const [state, setState] = useState<PageTermsState>({ status: 'loading' });
  useEffect(() => {
    if (tabId === undefined) return;
    if (tabId === null) {
      setState({ status: 'unavailable' });
      return;
    }
    let live = true;
    const load = () =>
      sendToTab(tabId, 'page-terms', {}).then(
        ({ terms }) => live && setState({ status: 'ready', terms }),
        () => live && setState({ status: 'unavailable' }),
      );
    void load();
    const stop = onMessages({
      'page-terms-changed': (_request, sender) => {
        if (sender.tabId === tabId) void load();
      },
    });
    return () => {
      live = false;
      stop();
    };
  }, [tabId]);
  return state;
}
