/**
 * Big fixture pages (100 KB … 10 MB), built in memory when a test or the
 * benchmark starts and served through startServer routes, so no multi-megabyte
 * file is committed.
 *
 * The text is the corpus's government work reports (../shared/corpus/reports)
 * when the corpus is there, else the committed seed excerpt
 * (tests/fixtures/pages/scanner-excerpt.txt) repeated. The markup follows the
 * www.gov.cn article pages in ../shared/corpus/fragments (content_5365945,
 * content_5345295): a metadata table, then `td#UCAP-CONTENT` full of
 * `<p style="text-indent: 2em">` paragraphs whose text Word split into
 * `<span style="font-family: 宋体">` pieces, a `<br>` now and then, tables of
 * figures. Glossary terms are inserted every `termEvery` characters, some of
 * them split over `<strong>`, `<span>` or `<br>` the way real pages split them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES } from './server';

export const CORPUS = path.resolve(import.meta.dirname, '../../../../shared/corpus');

/** Terms of the seed's 名词解释, as the seed writes them; all are in the bundled glossary. */
export const SEED_TERMS = [
  '“三高四新”',
  '“四上”企业',
  '“五新四城”',
  '专精特新“小巨人”企业',
  '“十百千万”工程',
  '“发展六仗”',
  '“和美湘村·四乡十村”示范带',
  '“五区”建设目标',
];

export interface BigPageOptions {
  /** Insert a glossary term every this many characters of text (0: none). */
  termEvery?: number;
  title?: string;
}

export interface BigPage {
  html: string;
  /** UTF-8 size of `html`. */
  bytes: number;
  /** Paragraphs of body text. */
  paragraphs: number;
  /** How many glossary terms were inserted (the page text has others of its own). */
  inserted: number;
}

let cachedLines: string[] | undefined;

/** Body text lines: the corpus reports if present, else the committed excerpt. */
export function sourceLines(): string[] {
  if (cachedLines) return cachedLines;
  const dir = path.join(CORPUS, 'reports');
  const files: string[] = [];
  if (fs.existsSync(dir)) {
    for (const sub of fs.readdirSync(dir).sort()) {
      const d = path.join(dir, sub);
      if (!fs.statSync(d).isDirectory()) continue;
      for (const f of fs.readdirSync(d).sort()) if (f.endsWith('.txt')) files.push(path.join(d, f));
    }
  }
  if (!files.length) files.push(path.join(FIXTURES, 'scanner-excerpt.txt'));
  cachedLines = files
    .flatMap((f) => fs.readFileSync(f, 'utf8').split(/\r?\n/))
    .map((l) => l.trim())
    .filter((l) => l.length >= 20 && !l.startsWith('#') && !l.startsWith('http'));
  return cachedLines;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A term with markup inside it, in one of the ways real pages split terms. */
function splitTerm(term: string, way: number): string {
  const cut = Math.max(1, Math.floor(term.length / 2));
  const a = esc(term.slice(0, cut));
  const b = esc(term.slice(cut));
  switch (way % 4) {
    case 0:
      return `<strong>${a}</strong>${b}`;
    case 1:
      return `${a}<span style="color: rgb(185, 28, 28);">${b}</span>`;
    case 2:
      return `${a}<br>${b}`;
    default:
      return `<font color="#1d4ed8">${a}</font>${b}`;
  }
}

const P_OPEN =
  '<p align="" style="margin-top: 0px; margin-bottom: 0px; text-indent: 2em; text-align: justify; font-family: 宋体;">';
const SPAN_OPEN = '<span style="font-family: 宋体; font-size: 16px;">';

function head(title: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>
  body { margin: 0; font: 16px/1.8 "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; color: #222; }
  .wrap { width: 930px; margin: 0 auto; }
  .bd1 td { border: 1px solid #ddd; padding: 2px 6px; font-size: 14px; }
  #UCAP-CONTENT p { line-height: 1.8; }
  h3 { font-size: 18px; }
</style>
</head>
<body>
<div class="wrap" style=" font-family:宋体">
<table width="930" class="bd1"><tbody>
<tr><td width="70"><b>索 引 号：</b></td><td>000014349/2019-00007</td><td width="70"><b>主题分类：</b></td><td>综合政务\\其他</td></tr>
<tr><td><b>标　　题：</b></td><td colspan="3">${esc(title)}</td></tr>
</tbody></table>
<table width="930"><tbody><tr><td class="b12c" id="UCAP-CONTENT">
`;
}

const TAIL = '</td></tr></tbody></table>\n</div>\n</body>\n</html>\n';

/** Builds a page of about `bytes` bytes (UTF-8). Deterministic. */
export function bigPage(bytes: number, options: BigPageOptions = {}): BigPage {
  const { termEvery = 0, title = '政府工作报告（测试用长页面）' } = options;
  const lines = sourceLines();
  const firstParagraph = `<p id="big-first">首段：深入实施“${splitTerm('五新四城', 1)}”战略。</p>\n`;
  const parts: string[] = [head(title), firstParagraph];
  let size = Buffer.byteLength(parts.join('')) + Buffer.byteLength(TAIL);
  let inserted = 0;
  let paragraphs = 0;
  let untilTerm = termEvery;
  let line = 0;
  const lastParagraph = `<p id="big-last">最后一段：锚定${splitTerm('“三高四新”', 0)}美好蓝图，新增“四上”企业15家以上。</p>\n`;
  const budget = bytes - Buffer.byteLength(lastParagraph);
  while (size < budget) {
    const text = lines[line++ % lines.length] as string;
    let html: string;
    if (paragraphs % 40 === 39) {
      html = `<h3>${esc(text.slice(0, 24))}</h3>\n`;
    } else if (paragraphs % 25 === 24) {
      // A table of figures: one cell per fragment, terms never span cells.
      const cells = text.match(/.{1,12}/g) ?? [];
      const rows: string[] = [];
      for (let i = 0; i < cells.length; i += 3)
        rows.push(
          `<tr>${cells
            .slice(i, i + 3)
            .map((c) => `<td>${esc(c)}</td>`)
            .join('')}</tr>`,
        );
      html = `<table class="bd1"><tbody>${rows.join('')}</tbody></table>\n`;
    } else {
      // Word's export: the paragraph in spans of 4–24 characters, terms inserted between.
      const pieces: string[] = [];
      let i = 0;
      let k = paragraphs;
      while (i < text.length) {
        const len = 4 + ((k * 7) % 21);
        let piece = text.slice(i, i + len);
        i += len;
        k++;
        if (termEvery) {
          untilTerm -= piece.length;
          while (untilTerm <= 0) {
            const term = SEED_TERMS[inserted % SEED_TERMS.length] as string;
            const at = Math.max(0, piece.length + untilTerm);
            const markup = inserted % 3 === 0 ? splitTerm(term, inserted) : esc(term);
            pieces.push(at ? `${SPAN_OPEN}${esc(piece.slice(0, at))}</span>${markup}` : markup);
            piece = piece.slice(at);
            inserted++;
            untilTerm += termEvery;
          }
        }
        if (piece) pieces.push(`${SPAN_OPEN}${esc(piece)}</span>`);
      }
      html = `${P_OPEN}${pieces.join('')}</p> \n`;
    }
    parts.push(html);
    size += Buffer.byteLength(html);
    paragraphs++;
  }
  parts.push(lastParagraph, TAIL);
  const html = parts.join('');
  return { html, bytes: Buffer.byteLength(html), paragraphs, inserted };
}
