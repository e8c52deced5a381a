import '@/components/entry.css';
import '@/components/popup.css';
import { render } from 'preact';
import { Popup } from '@/components/Popup';

render(<Popup />, document.getElementById('app') as HTMLElement);
