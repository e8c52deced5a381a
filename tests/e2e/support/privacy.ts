/**
 * The privacy check of the end-to-end tests: every request a browser made
 * during a run, less those to the extension itself, data/blob URLs, and the
 * local test server (127.0.0.1, and the government host names the browser
 * maps to it). Anything left would have left the machine.
 */
export function outsideRequests(urls: readonly string[]): string[] {
  return urls.filter((u) => {
    const url = new URL(u);
    return (
      !['chrome-extension:', 'moz-extension:', 'data:', 'blob:'].includes(url.protocol) &&
      url.hostname !== '127.0.0.1' &&
      !url.hostname.endsWith('.gov.cn')
    );
  });
}
