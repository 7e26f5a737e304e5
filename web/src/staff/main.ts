import '../shared/styles.css';
import './staff.css';
import { api } from '../shared/api.ts';
import { mountLanguageSwitch } from '../shared/language-switch.ts';
import { mountStaff } from './mount-staff.ts';

mountLanguageSwitch(document.getElementById('language-switch') as HTMLElement);
mountStaff(document.getElementById('app') as HTMLElement, { api });
