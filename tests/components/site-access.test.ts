// Site patterns: what "Enable on this site" asks for, and which sites are on by default.
import { describe, expect, test } from 'vitest';
import { isDefaultSite, patternFromInput, patternHost, patternMatches, sitePattern } from '@/common/site-access';

describe('sitePattern', () => {
  test('one host, both schemes, any port and path', () => {
    expect(sitePattern('https://www.example.org/a/b?c#d')).toBe('*://www.example.org/*');
    expect(sitePattern('http://127.0.0.1:5173/x')).toBe('*://127.0.0.1/*');
  });
  test('nothing for pages that cannot be marked', () => {
    for (const url of [
      'chrome://extensions',
      'about:blank',
      'file:///tmp/a.html',
      'moz-extension://x/popup.html',
      '',
      undefined,
    ]) {
      expect(sitePattern(url), String(url)).toBeNull();
    }
  });
});

describe('patternFromInput', () => {
  test('takes what people type', () => {
    expect(patternFromInput(' example.org ')).toBe('*://example.org/*');
    expect(patternFromInput('https://www.example.org/page')).toBe('*://www.example.org/*');
    expect(patternFromInput('localhost:8080')).toBe('*://localhost/*');
    expect(patternFromInput('例子.中国')).toBe('*://xn--fsqu00a.xn--fiqs8s/*');
  });
  test('refuses what is not a site', () => {
    for (const text of ['', 'not a site', 'javascript:alert(1)', 'ftp://example.org', 'http://']) {
      expect(patternFromInput(text), text).toBeNull();
    }
  });
});

describe('default sites', () => {
  test('government and state-media hosts, with subdomains', () => {
    for (const url of [
      'https://www.gov.cn/',
      'http://www.hunan.gov.cn/x',
      'https://gov.cn/',
      'http://paper.people.com.cn/',
      'https://www.news.cn/',
    ]) {
      expect(isDefaultSite(url), url).toBe(true);
    }
  });
  test('not look-alikes', () => {
    for (const url of [
      'https://gov.cn.example.org/',
      'https://notgov.cn/',
      'https://example.org/gov.cn',
      'ftp://www.gov.cn/',
    ]) {
      expect(isDefaultSite(url), url).toBe(false);
    }
  });
  test('patternMatches and patternHost agree on the forms used', () => {
    expect(patternMatches('*://127.0.0.1/*', 'http://127.0.0.1:3000/')).toBe(true);
    expect(patternMatches('*://127.0.0.1/*', 'http://127.0.0.2/')).toBe(false);
    expect(patternHost('*://*.gov.cn/*')).toBe('*.gov.cn');
  });
});
