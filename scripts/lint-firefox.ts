/**
 * `web-ext lint` on the Firefox build, failing on every error and warning
 * except one known, reviewed case: Preact's renderer contains the code path
 * for `dangerouslySetInnerHTML` (`e.innerHTML = f.__html`), which the linter
 * flags in whichever chunk bundles Preact. The extension never uses that
 * prop (tests/security.test.ts checks the source), so the path never runs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(import.meta.dirname, '../.output/firefox-mv2');
interface Message {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

let raw: string;
try {
  raw = execFileSync('npx', ['web-ext', 'lint', '--source-dir', DIR, '--self-hosted', '--output', 'json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
} catch (err) {
  // web-ext exits non-zero on errors; its JSON report is still on stdout.
  raw = (err as { stdout?: string }).stdout ?? '';
}
const report = JSON.parse(raw) as { errors: Message[]; warnings: Message[]; notices: Message[] };

function isPreactInnerHtml(m: Message): boolean {
  if (m.code !== 'UNSAFE_VAR_ASSIGNMENT' || !m.file || !m.line) return false;
  const line = fs.readFileSync(path.join(DIR, m.file), 'utf8').split('\n')[m.line - 1] ?? '';
  const at = line.slice(Math.max(0, (m.column ?? 0) - 80), (m.column ?? 0) + 80);
  return /innerHTML=\w+\.__html/.test(at);
}

const problems = [...report.errors, ...report.warnings.filter((w) => !isPreactInnerHtml(w))];
const allowed = report.warnings.length - (problems.length - report.errors.length);
for (const p of problems)
  console.error(`${p.code}: ${p.message} (${p.file ?? 'manifest'}${p.line ? `:${p.line}` : ''})`);
console.log(
  `web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${allowed} reviewed: Preact's dangerouslySetInnerHTML path), ${report.notices.length} notices`,
);
process.exit(problems.length ? 1 : 0);
