/** The page scanner in real Firefox: see tests/e2e/support/scanner-suite.ts. */
import { scannerTests } from '../support/scanner-suite';

scannerTests('firefox');
