/**
 * Helpers for the popup, sites and options tests in Chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, type ChromiumSession } from '../support/chromium';

/** A screenshot of the popup as the toolbar shows it: its own box, not the tab around it. */
export async function popupScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.locator('.pg-popup').screenshot({ path: file });
  return file;
}

/**
 * Grants a host the way a user does in chrome://extensions → Site access, so
 * the popup's real permissions.request() for it resolves without a prompt.
 * Headless Chromium cannot show or answer the permission dialog: Chromium
 * skips it for hosts already in the extension's runtime-granted set
 * (PermissionsRequestFunction::Run, "already_granted_permissions"), which
 * developerPrivate.addHostPermission fills once host access is "on specific
 * sites". Access is then set back to "on all sites" for the default list.
 */
export async function pregrantHost(session: ChromiumSession, origin: string): Promise<void> {
  const page = await session.newPage();
  await page.goto('chrome://extensions');
  await page.evaluate(
    async ({ id, origin }) => {
      const dp = (
        globalThis as unknown as { chrome: { developerPrivate: Record<string, (...a: unknown[]) => Promise<void>> } }
      ).chrome.developerPrivate;
      await dp.updateExtensionConfiguration?.({ extensionId: id, hostAccess: 'ON_SPECIFIC_SITES' });
      await dp.addHostPermission?.(id, origin);
      await dp.updateExtensionConfiguration?.({ extensionId: id, hostAccess: 'ON_ALL_SITES' });
    },
    { id: session.extensionId, origin },
  );
  await page.close();
}

/**
 * The real toolbar popup, which action.openPopup() opens even headless but
 * which Playwright does not list among its pages: reached over the DevTools
 * protocol (Target.*), from any page's CDP session.
 */
export interface ToolbarPopup {
  evaluate<T>(expression: string): Promise<T>;
  press(key: string, keyCode: number): Promise<void>;
  isOpen(): Promise<boolean>;
}

export async function findToolbarPopup(session: ChromiumSession, via: Page, timeoutMs = 5000): Promise<ToolbarPopup> {
  const cdp = await session.context.newCDPSession(via);
  const popupUrl = `chrome-extension://${session.extensionId}/popup.html`;
  const find = async () =>
    (await cdp.send('Target.getTargets')).targetInfos.find((t) => t.type === 'page' && t.url.startsWith(popupUrl));
  const deadline = Date.now() + timeoutMs;
  let target = await find();
  while (!target && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    target = await find();
  }
  if (!target) throw new Error('the toolbar popup did not open');
  const targetId = target.targetId;
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  let next = 1;
  const pending = new Map<number, (m: { result?: unknown; error?: unknown }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
    if (m.id !== undefined) pending.get(m.id)?.(m);
  });
  const call = async (method: string, params: object): Promise<unknown> => {
    const id = next++;
    const reply = new Promise<{ result?: unknown; error?: unknown }>((resolve) => {
      pending.set(id, resolve);
      // A target that closes (Escape closes the popup) never answers.
      setTimeout(() => resolve({ error: 'no reply' }), 3000);
    });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    const m = await reply;
    if (m.error) throw new Error(JSON.stringify(m.error));
    return m.result;
  };
  return {
    async evaluate<T>(expression: string) {
      const r = (await call('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })) as {
        result: { value: T };
        exceptionDetails?: unknown;
      };
      if (r.exceptionDetails) throw new Error(JSON.stringify(r.exceptionDetails));
      return r.result.value;
    },
    async press(key, keyCode) {
      for (const type of ['keyDown', 'keyUp']) {
        await call('Input.dispatchKeyEvent', { type, key, code: key, windowsVirtualKeyCode: keyCode }).catch(() => {});
      }
    },
    async isOpen() {
      return (await cdp.send('Target.getTargets')).targetInfos.some((t) => t.targetId === targetId);
    },
  };
}
