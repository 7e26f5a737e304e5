import '../shared/styles.css';
import { mountLanguageSwitch } from '../shared/language-switch.ts';

mountLanguageSwitch(document.getElementById('language-switch') as HTMLElement);
