/**
 * The global pause's key in extension-local storage. Its own module: the
 * content script's loader reads it before loading anything else (a paused
 * extension costs a page one tiny script and one storage read), and the
 * loader must not bundle the settings module.
 */
export const PAUSED_KEY = 'paused';
