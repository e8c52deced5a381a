/**
 * The one message protocol between the popup, the content script and the
 * background: every message type, its request and its response, as valibot
 * schemas. Receivers validate what arrives (another extension page, or a
 * content script on a hostile page, can send anything), and senders validate
 * the answer, so both sides only ever see the types below.
 *
 * Add a message: one entry in MESSAGES; `send*` and `onMessages` pick it up.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import type { CompiledEntry } from '@/engine/entry';
import { English, Scope, Source, STATUSES } from '@/engine/glossary-schema';

const count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** Longest page-defined term and definition excerpt a row carries (the content script cuts them to fit). */
export const ROW_TERM_MAX = 120;
export const ROW_DEFINITION_MAX = 200;

/**
 * One line of the popup's "On this page": how often its term is marked and
 * where first (its first mark's index among all the page's marks). Each mark
 * belongs to one row.
 * - `entry`: a bundled glossary entry; `defined` when the page defines the term too.
 * - `page`: a term only the page defines (its 名词解释 section, a note, an
 *   inline explanation), with the start of the page's definition.
 */
export const PageTermRow = v.variant('kind', [
  v.object({ kind: v.literal('entry'), id: v.string(), count, first: count, defined: v.boolean() }),
  v.object({
    kind: v.literal('page'),
    term: v.pipe(v.string(), v.minLength(1), v.maxLength(ROW_TERM_MAX)),
    definition: v.pipe(v.string(), v.maxLength(ROW_DEFINITION_MAX)),
    count,
    first: count,
  }),
]);
export type PageTermRow = v.InferOutput<typeof PageTermRow>;

/** Most entries one `entries` request may ask for (a page's export asks for every term on it). */
export const MAX_ENTRIES_ASKED = 2000;

/** A compiled entry as the background sends it: the fields the card and the export read, checked with the glossary's own schemas. */
const Entry = v.pipe(
  v.looseObject({
    id: v.string(),
    term: v.string(),
    variants: v.array(v.string()),
    pinyin: v.string(),
    english: English,
    definition: v.string(),
    quoted: v.nullable(v.number()),
    explanation: v.string(),
    parts: v.array(v.string()),
    scope: Scope,
    sources: v.array(Source),
    related: v.array(v.string()),
    topic: v.string(),
    status: v.picklist(STATUSES),
  }),
  v.transform((e) => e as unknown as CompiledEntry),
);

export const MESSAGES = {
  /**
   * Content → background: whole entries by id, and the entries they relate to
   * (the content script ships only their heads; content/entries.ts).
   */
  entries: {
    request: v.object({ ids: v.pipe(v.array(v.string()), v.maxLength(MAX_ENTRIES_ASKED)) }),
    response: v.object({ entries: v.array(Entry) }),
  },
  /** Popup → content (top frame): the terms on this page (bundled and page-defined), in page order. */
  'page-terms': {
    request: v.object({}),
    response: v.object({ terms: v.array(PageTermRow) }),
  },
  /**
   * Popup → content: scroll to an occurrence of a row's term and flash it. Wraps around.
   * `id` is the row's entry id, or for a page-defined row (kind `page`) its term.
   */
  'reveal-term': {
    request: v.object({ kind: v.optional(v.picklist(['entry', 'page']), 'entry'), id: v.string(), occurrence: count }),
    response: v.object({ occurrence: count, count }),
  },
  /** Content → popup: the page's terms changed (a re-scan after DOM changes); ask again. */
  'page-terms-changed': {
    request: v.object({}),
    response: v.undefined(),
  },
  /** Popup → content (top frame): the page's glossary as Markdown (its own definitions, then the bundled terms on it). */
  'export-page-glossary': {
    request: v.object({}),
    response: v.object({ markdown: v.string() }),
  },
  /** Popup → content: the user disabled this site; remove the marks now. */
  'stop-marking': {
    request: v.object({}),
    response: v.undefined(),
  },
  /** Background → content (every frame; the focused one acts): keyboard commands, forwarded to the active tab. */
  'next-term': { request: v.object({}), response: v.undefined() },
  'previous-term': { request: v.object({}), response: v.undefined() },
  /** Content → background: open the lookup on one entry (from the card). */
  'open-entry': { request: v.object({ id: v.string() }), response: v.undefined() },
  /** Popup or options → background: re-register content scripts for the enabled sites. */
  'sync-sites': {
    request: v.object({}),
    response: v.object({ registered: v.array(v.string()) }),
  },
} as const;

export type MessageType = keyof typeof MESSAGES;
export type RequestOf<K extends MessageType> = v.InferOutput<(typeof MESSAGES)[K]['request']>;
export type ResponseOf<K extends MessageType> = v.InferOutput<(typeof MESSAGES)[K]['response']>;
/** What a handler returns: its response, or nothing for the messages that have none. */
type Reply<T> = [T] extends [undefined] ? void | Promise<void> : T | Promise<T>;
export type Handlers = {
  [K in MessageType]: (request: RequestOf<K>, sender: SenderInfo) => Reply<ResponseOf<K>>;
};
export interface SenderInfo {
  tabId?: number;
  frameId?: number;
  /** True when the sender is one of our own pages or the background, not a content script. */
  fromExtension: boolean;
}

const Envelope = v.object({ type: v.picklist(Object.keys(MESSAGES) as MessageType[]), payload: v.unknown() });

function envelope<K extends MessageType>(type: K, payload: RequestOf<K>) {
  return { type, payload };
}

function checkResponse<K extends MessageType>(type: K, raw: unknown): ResponseOf<K> {
  const parsed = v.safeParse(MESSAGES[type].response, raw);
  if (!parsed.success) throw new Error(`bad ${type} response: ${v.summarize(parsed.issues)}`);
  return parsed.output as ResponseOf<K>;
}

/** Sends to one frame of a tab (default: its top frame) or to all. Rejects when no content script listens. */
export async function sendToTab<K extends MessageType>(
  tabId: number,
  type: K,
  payload: RequestOf<K>,
  frame: number | 'all' = 0,
): Promise<ResponseOf<K>> {
  const message = envelope(type, payload);
  const raw =
    frame === 'all'
      ? await browser.tabs.sendMessage(tabId, message)
      : await browser.tabs.sendMessage(tabId, message, { frameId: frame });
  return checkResponse(type, raw);
}

/** Sends to the extension's own contexts (background, open popup or options page). */
export async function sendToExtension<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  return checkResponse(type, await browser.runtime.sendMessage(envelope(type, payload)));
}

/**
 * Answers the given message types in this context. Messages of other types,
 * or that fail validation, are left alone (another listener may answer them);
 * invalid ones are logged. Returns the unsubscribe function.
 */
export function onMessages(handlers: Partial<Handlers>): () => void {
  const listener = (raw: unknown, sender: { tab?: { id?: number }; frameId?: number; id?: string; url?: string }) => {
    const env = v.safeParse(Envelope, raw);
    if (!env.success) return undefined;
    const { type, payload } = env.output;
    const handler = handlers[type] as
      | ((request: unknown, sender: SenderInfo) => unknown | Promise<unknown>)
      | undefined;
    if (!handler) return undefined;
    const request = v.safeParse(MESSAGES[type].request, payload);
    if (!request.success) {
      console.warn(`policy-glossary: ignored a malformed ${type} message`, v.summarize(request.issues));
      return undefined;
    }
    const info: SenderInfo = {
      tabId: sender.tab?.id,
      frameId: sender.frameId,
      fromExtension: sender.id === browser.runtime.id && !sender.tab,
    };
    // A promise is the polyfill's way to answer; resolving undefined answers "nothing".
    return Promise.resolve(handler(request.output, info));
  };
  browser.runtime.onMessage.addListener(listener as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
  return () =>
    browser.runtime.onMessage.removeListener(
      listener as Parameters<typeof browser.runtime.onMessage.removeListener>[0],
    );
}
