import '@/components/entry.css';
import '@/components/card.css';
import '@/components/popup.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { Popup } from '@/components/Popup';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = i18n.t('extName');
render(<Popup />, document.getElementById('app') as HTMLElement);
