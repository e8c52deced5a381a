/**
 * Sites the content script runs on by default: Chinese government sites and
 * the central state media, where the jargon is. Any other site is opt-in from
 * the popup ("Enable on this site"), through an optional host permission.
 * README.md lists them with the reasons.
 */
export const DEFAULT_SITES = [
  '*://*.gov.cn/*',
  '*://*.people.com.cn/*',
  '*://*.xinhuanet.com/*',
  '*://*.news.cn/*',
  '*://*.qstheory.cn/*',
  '*://*.gmw.cn/*',
  '*://*.cctv.com/*',
  '*://*.chinadaily.com.cn/*',
];
