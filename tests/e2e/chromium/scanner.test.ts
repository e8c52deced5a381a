/** The page scanner in real Chromium: see tests/e2e/support/scanner-suite.ts. */
import { scannerTests } from '../support/scanner-suite';

scannerTests('chromium');
