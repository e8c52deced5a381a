/** The page's own glossary and unknown jargon in real Firefox: see tests/e2e/support/page-glossary-suite.ts. */
import { pageGlossaryTests } from '../support/page-glossary-suite';

pageGlossaryTests('firefox');
