/**
 * The `glossary` command line: `npm run -s glossary -- <verb> …`.
 * Output is one JSON object per line on stdout (Markdown for --markdown);
 * errors go to stderr with a non-zero exit.
 */
import fs from 'node:fs';
import { buildShippedSearchIndex } from '../engine/search';
import { checkGlossary } from './glossary/check';
import { compileGlossary, traditionalPairs, writeGenerated } from './glossary/compile';
import { printDefinitions } from './glossary/definitions-cli';
import { formatFile } from './glossary/format';
import { DATA_DIR, loadGlossary, type Problem } from './glossary/load';
import { annotateFiles, coverage } from './glossary/text-tools';

const USAGE = `usage: npm run -s glossary -- <verb> [args]
  check [dir]                  validate the glossary data (default: glossary/data)
  format                       rewrite the data files in canonical form
  compile                      validate and write .generated/ (run by the build)
  export                       print every entry as one JSON object per line
  annotate [--markdown] <file>…  print the glossary terms found in text or HTML files
  coverage <file|dir>…         list candidate jargon the glossary does not recognise
  definitions <file|dir>…      print the definitions a document gives itself (名词解释, notes, inline)
`;

function printProblems(problems: Problem[]): void {
  for (const p of problems) {
    process.stderr.write(`${p.file}:${p.line}${p.id ? ` [${p.id}]` : ''}: ${p.message}\n`);
  }
}

function loadChecked(dir?: string) {
  const loaded = loadGlossary(dir ?? DATA_DIR);
  const problems = checkGlossary(loaded, traditionalPairs());
  if (problems.length) {
    printProblems(problems);
    process.stderr.write(`glossary: ${problems.length} problem(s) in ${loaded.files.size} file(s)\n`);
    process.exit(1);
  }
  return loaded;
}

export function compile(): number {
  const loaded = loadChecked();
  const glossary = compileGlossary(
    loaded.entries.map((e) => e.entry),
    loaded.regions,
  );
  writeGenerated(glossary, buildShippedSearchIndex(glossary.entries));
  return glossary.entries.length;
}

async function main(argv: string[]): Promise<void> {
  const [verb, ...args] = argv;
  switch (verb) {
    case 'check': {
      const loaded = loadChecked(args[0]);
      process.stderr.write(`glossary: ${loaded.entries.length} entries in ${loaded.files.size} files, no problems\n`);
      return;
    }
    case 'format': {
      const loaded = loadGlossary();
      const broken = loaded.problems;
      if (broken.length) {
        printProblems(broken);
        process.exit(1);
      }
      const byFile = new Map<string, typeof loaded.entries>();
      for (const e of loaded.entries) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
      for (const [file, entries] of byFile) fs.writeFileSync(file, formatFile(entries.map((e) => e.entry)));
      process.stderr.write(`glossary: formatted ${byFile.size} files\n`);
      return;
    }
    case 'compile': {
      const n = compile();
      process.stderr.write(`glossary: compiled ${n} entries into .generated/\n`);
      return;
    }
    case 'export': {
      const loaded = loadChecked();
      const glossary = compileGlossary(
        loaded.entries.map((e) => e.entry),
        loaded.regions,
      );
      for (const e of glossary.entries) process.stdout.write(`${JSON.stringify(e)}\n`);
      return;
    }
    case 'annotate':
      return annotateFiles(args, loadChecked());
    case 'coverage':
      return coverage(args, loadChecked());
    case 'definitions':
      printDefinitions(args);
      return;
    default:
      process.stderr.write(`${verb ? `glossary: unknown verb "${verb}"\n` : ''}${USAGE}\n`);
      process.exit(2);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`glossary: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
