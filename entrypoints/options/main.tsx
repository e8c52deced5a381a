import '@/components/popup.css';
import { render } from 'preact';
import { Options } from '@/components/Options';

render(<Options />, document.getElementById('app') as HTMLElement);
