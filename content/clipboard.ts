/**
 * Copies plain text from a click in the card. No permission is asked for:
 * both paths below work within the click's user activation.
 *
 * The async Clipboard API exists only in secure contexts, and many
 * government sites are still plain http, so the fallback is the `copy`
 * event: `execCommand('copy')` fires it even with nothing selected, and its
 * handler sets the data. That needs no selection, so focus stays where it is.
 */
export async function copyText(text: string): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Denied (page not focused, permissions policy): try the copy event.
    }
  }
  let handled = false;
  const onCopy = (e: ClipboardEvent) => {
    if (!e.clipboardData) return;
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
    // The page's own copy handlers (some sites append a notice or block copying) must not see it.
    e.stopImmediatePropagation();
    handled = true;
  };
  document.addEventListener('copy', onCopy, { capture: true });
  try {
    // execCommand is deprecated, but it is the only way to write the clipboard from an insecure page.
    return document.execCommand('copy') && handled;
  } finally {
    document.removeEventListener('copy', onCopy, { capture: true });
  }
}
