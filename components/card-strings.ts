/**
 * The hover card's own labels, in the reader's interface language (Chinese
 * for a zh browser, English otherwise). The glossary text itself is always
 * Chinese with its English rendering beside it.
 */
export interface CardStrings {
  /** The language of these strings, for `lang` attributes (screen readers pick their voice by it). */
  lang: 'en' | 'zh-CN';
  dialogLabel: (term: string) => string;
  announce: (term: string, english: string) => string;
  focusAnnounce: (term: string, index: number, count: number) => string;
  meanings: (count: number) => string;
  definedOnPage: string;
  showInPage: string;
  glossary: string;
  notInGlossary: string;
  notInGlossaryBody: string;
  findOnPage: string;
  foundOnPage: string;
  notFoundOnPage: string;
  suggestTerm: string;
  copyCitation: string;
  copied: string;
  copyFailed: string;
  openInGlossary: string;
  suggestCorrection: string;
  suggestionHint: string;
  copyText: string;
  pin: string;
  close: string;
  back: string;
}

const en: CardStrings = {
  lang: 'en',
  dialogLabel: (term) => `${term}: glossary card`,
  announce: (term, english) => `${term}: ${english}`,
  focusAnnounce: (term, index, count) => `${term}, term ${index} of ${count}. Enter opens its card.`,
  meanings: (count) => `${count} meanings, this site's region first`,
  definedOnPage: 'Defined on this page',
  showInPage: 'Show in page',
  glossary: 'Glossary',
  notInGlossary: 'Not in the glossary',
  notInGlossaryBody: 'This looks like a policy slogan, but the glossary does not define it yet.',
  findOnPage: 'Find an explanation on this page',
  foundOnPage: 'Shown in the page.',
  notFoundOnPage: 'No other mention on this page.',
  suggestTerm: 'Suggest a term',
  copyCitation: 'Copy citation',
  copied: 'Copied.',
  copyFailed: 'Could not copy: select the text and copy it by hand.',
  openInGlossary: 'Open in glossary',
  suggestCorrection: 'Suggest a correction',
  suggestionHint: 'Nothing is sent from here. Copy this text and send it to the glossary maintainers.',
  copyText: 'Copy text',
  pin: 'Pin card',
  close: 'Close',
  back: 'Back',
};

const zh: CardStrings = {
  lang: 'zh-CN',
  dialogLabel: (term) => `${term}：术语释义`,
  announce: (term, english) => `${term}：${english}`,
  focusAnnounce: (term, index, count) => `${term}，第 ${index} 个术语，共 ${count} 个。按回车查看释义。`,
  meanings: (count) => `${count} 种含义，本站所在地区优先`,
  definedOnPage: '本页定义',
  showInPage: '在页面中查看',
  glossary: '词库',
  notInGlossary: '词库中尚无此词',
  notInGlossaryBody: '这看起来像一个政策提法，但词库尚未收录。',
  findOnPage: '在本页查找解释',
  foundOnPage: '已在页面中标出。',
  notFoundOnPage: '本页没有其他提及。',
  suggestTerm: '建议收录',
  copyCitation: '复制引用',
  copied: '已复制。',
  copyFailed: '无法复制：请手动选择文字复制。',
  openInGlossary: '在词库中打开',
  suggestCorrection: '提出更正',
  suggestionHint: '本扩展不会发送任何内容。请复制这段文字，发给词库维护者。',
  copyText: '复制文字',
  pin: '固定卡片',
  close: '关闭',
  back: '返回',
};

export function cardStrings(language: string): CardStrings {
  return language.toLowerCase().startsWith('zh') ? zh : en;
}
