/**
 * "Export this page's glossary": asks the page's content script for the
 * Markdown (the page's own definitions, then the bundled terms on the page;
 * engine/export-markdown.ts), copies it, and offers it as a .md file (a blob
 * URL made here, in the popup: nothing is uploaded), for translators'
 * footnotes. Mounted in the popup's "On this page" view (OnThisPage.tsx).
 */
import { useEffect, useState } from 'preact/hooks';
import { sendToTab } from '@/common/messages';

export interface ExportStrings {
  label: string;
  copied: string;
  download: string;
  failed: string;
}

const ENGLISH: ExportStrings = {
  label: 'Export this page’s glossary',
  copied: 'Copied as Markdown.',
  download: 'Download .md',
  failed: 'This page has no marked terms to export.',
};

type Props = {
  /** The tab whose page to export (the popup's active tab). */
  tabId: number;
  strings?: ExportStrings;
};

export function ExportButton({ tabId, strings = ENGLISH }: Props) {
  const [status, setStatus] = useState('');
  const [file, setFile] = useState<string | null>(null);
  useEffect(() => () => void (file && URL.revokeObjectURL(file)), [file]);

  const run = async () => {
    try {
      const { markdown } = await sendToTab(tabId, 'export-page-glossary', {});
      setFile(URL.createObjectURL(new Blob([markdown], { type: 'text/markdown;charset=utf-8' })));
      // The download link stays useful when the clipboard is refused (no user activation left, a policy).
      await navigator.clipboard.writeText(markdown).then(
        () => setStatus(strings.copied),
        () => setStatus(''),
      );
    } catch {
      setStatus(strings.failed);
    }
  };

  return (
    <div class="pg-export">
      <button type="button" class="pg-export-button" onClick={() => void run()}>
        {strings.label}
      </button>
      {file && (
        <a class="pg-export-file" href={file} download="page-glossary.md">
          {strings.download}
        </a>
      )}
      <span class="pg-export-status" role="status">
        {status}
      </span>
    </div>
  );
}
