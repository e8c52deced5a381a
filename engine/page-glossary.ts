/**
 * The page's own glossary as something the scanner can mark: the forms under
 * which each page-defined term appears in the text, a matcher over them, and
 * the unknown-jargon filter (slogans that neither the bundled glossary nor
 * the page defines). Pure: the content script feeds it the page's
 * definitions (engine/definitions.ts) and the bundled lookup.
 *
 * A term is found under several forms. 专精特新“小巨人”企业 is found as
 * itself and, where the text quotes it, as “小巨人”; 固定资产投资（不含农户）
 * also as 固定资产投资; 一单制、一箱制 as each part. A quoted core (“两新”,
 * “1+3”) counts only where the text quotes it too, so 两新 inside 两新一重
 * or 1+3 inside 1+3+N is not taken for it.
 */
import { findCandidates, isSloganLike } from './candidates';
import type { PageDefinition } from './entry';
import type { Matching } from './lookup';
import { Matcher } from './matcher';
import { normalizeForm } from './normalize';

/** What a finder returns; the same shape as page/scanner.ts's Span. */
export interface FoundSpan {
  start: number;
  end: number;
  /** For page terms: the normalised form found (a key for `definitionsFor`). For unknown jargon: the text as written. */
  key: string;
}

export interface PageGlossary {
  definitions: PageDefinition[];
  /** Every normalised form that leads to a definition. */
  forms: string[];
  /** The page's definitions of a term, by a normalised form of it (the full term, a quoted core, a part). */
  definitionsFor(form: string): PageDefinition[];
  /** Page-defined terms in a run of text (leftmost-longest, not overlapping bundled terms that the page does not define). */
  findTerms(text: string): FoundSpan[];
  /** Slogans in a run of text that no glossary and not the page defines (none where `skip(start, end)` says). */
  findUnknown(text: string, skip?: (start: number, end: number) => boolean): FoundSpan[];
  /** True when a candidate's text is neither a bundled form nor a page form. */
  isUnknown(text: string): boolean;
  /**
   * Calls `onForm(at)` where a page form starts in text[from, to): every
   * occurrence, quoted or not and whatever overlaps it, so a superset of
   * where `findTerms` marks. For finding the runs to re-mark without
   * walking the page again.
   */
  scanForms(text: string, from: number, to: number, onForm: (at: number) => void): void;
  /** Changes when the set of forms changes: a cheap test for "re-mark the page". */
  signature: string;
}

export interface TermForm {
  form: string;
  /** Found only where the text has it in quotes. */
  quotedOnly: boolean;
}

const QUOTE_OPEN = '“"「『‘\'';
const QUOTE_CLOSE = '”"」』’\'';
const CORE = /[“"「『]([^“”"「」『』]{1,20})[”"」』]/g;

/** The surface forms of a page-defined term, unnormalised. */
export function termForms(term: string): TermForm[] {
  const out: TermForm[] = [];
  const cores = [...term.matchAll(CORE)].map((m) => m[1] as string);
  const wholeIsCore = cores.length === 1 && term.replace(CORE, '').trim() === '';
  // A short quoted term (“两新”, “三江”) is too likely to occur inside other words to match unquoted.
  out.push({ form: term, quotedOnly: wholeIsCore && [...(cores[0] as string)].length <= 2 });
  const bare = term.replace(/（[^）]*）|\([^)]*\)/g, '');
  if (bare !== term && bare.length >= 2) out.push({ form: bare, quotedOnly: false });
  if (!wholeIsCore) for (const core of cores) out.push({ form: core, quotedOnly: true });
  if (!cores.length && /[、，]/.test(term)) {
    const parts = term.split(/[、，]/).filter((p) => p.length >= 2 && p.length <= 6);
    if (parts.length >= 2) for (const p of parts) out.push({ form: p, quotedOnly: false });
  }
  return out;
}

/** A form worth marking: two characters or more, and not a bare number (“5”, “1”). */
function markable(form: string): boolean {
  return form.length >= 2 && !/^[0-9.]+$/.test(form);
}

export function buildPageGlossary(definitions: PageDefinition[], lookup: Matching): PageGlossary {
  // The normaliser's table is built on first use: a page that defines nothing may never need it.
  const byForm = new Map<string, PageDefinition[]>();
  const quotedOnly = new Map<string, boolean>();
  for (const d of definitions) {
    for (const f of termForms(d.term)) {
      const form = normalizeForm(f.form, lookup.table);
      if (!markable(form)) continue;
      const list = byForm.get(form) ?? [];
      if (!list.includes(d)) list.push(d);
      byForm.set(form, list);
      // A form is quoted-only if every definition that gives it says so.
      quotedOnly.set(form, (quotedOnly.get(form) ?? true) && f.quotedOnly);
    }
  }
  const forms = [...byForm.keys()].sort();
  const matcher = forms.length ? new Matcher(forms, lookup.table) : null;

  const definitionsFor = (form: string) => byForm.get(form) ?? [];

  /** Bundled forms, for telling which bundled match already carries the page's definition. */
  const bundledSpans = (text: string) => {
    const spans: Array<{ start: number; end: number; form: string }> = [];
    lookup.matcher.scan(text, (start, end, pattern) =>
      spans.push({ start, end, form: lookup.glossary.forms[pattern] as string }),
    );
    return spans;
  };

  const quotedAt = (text: string, start: number, end: number) =>
    QUOTE_OPEN.includes(text[start - 1] ?? '') && QUOTE_CLOSE.includes(text[end] ?? '');

  const findTerms = (text: string): FoundSpan[] => {
    if (!matcher) return [];
    const bundled = bundledSpans(text);
    const out: FoundSpan[] = [];
    const accept = (from: number, to: number) => {
      matcher.scan(
        text,
        (start, end, pattern) => {
          const form = forms[pattern] as string;
          if (quotedOnly.get(form) && !quotedAt(text, start, end)) return;
          const clash = bundled.find((b) => b.start < end && start < b.end);
          // The bundled term wins where it overlaps (the scanner's layer order); if it is not the page's term,
          // look for a shorter page form beside it (专精特新 bundled, “小巨人” page-defined).
          if (clash && !byForm.has(clash.form)) {
            if (start + 1 < end) accept(start + 1, end);
            return;
          }
          if (!clash) out.push({ start, end, key: form });
        },
        from,
        to,
      );
    };
    accept(0, text.length);
    return out.sort((a, b) => a.start - b.start);
  };

  const knownToBundle = (text: string) => {
    let known = false;
    lookup.matcher.scan(text, (s, e) => {
      if (s === 0 && e === text.length) known = true;
    });
    return known;
  };

  const isUnknown = (text: string) => {
    // Only a page that defines terms needs the candidate normalised (and the normaliser's table built).
    if (byForm.size) {
      const form = normalizeForm(text, lookup.table);
      if (!form || byForm.has(form)) return false;
    }
    return /\S/.test(text) && !knownToBundle(text);
  };

  const findUnknown = (text: string, skip?: (start: number, end: number) => boolean): FoundSpan[] => {
    const out: FoundSpan[] = [];
    for (const c of findCandidates(text, skip))
      if (isSloganLike(c) && isUnknown(c.text)) out.push({ start: c.start, end: c.end, key: c.text });
    return out;
  };

  return {
    definitions,
    forms,
    definitionsFor,
    findTerms,
    findUnknown,
    isUnknown,
    scanForms: (text, from, to, onForm) => matcher?.scan(text, (start) => onForm(start), from, to),
    signature: forms.join('\u0001'),
  };
}
