/** The page's own glossary and unknown jargon in real Chromium: see tests/e2e/support/page-glossary-suite.ts. */
import { pageGlossaryTests } from '../support/page-glossary-suite';

pageGlossaryTests('chromium');
