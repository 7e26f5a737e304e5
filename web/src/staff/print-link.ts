import { onLanguageChange } from '../shared/i18n.ts';
import { el } from './dom.ts';
import { pt } from './print-messages.ts';

/** `#/print/…`, with the wave when one is chosen (else the report shows the latest). */
const reportHash = (path: string, wave?: string | null) =>
  wave ? `#/print/${path}?wave=${encodeURIComponent(wave)}` : `#/print/${path}`;

/**
 * An "In báo cáo" link. Its words follow the language; once the link has left the page its
 * listener goes too, so a screen that drops it need not remember to.
 */
function reportLink(href: string, labelKey: string) {
  const link = el('a', { className: 'print-link', href });
  const label = () => {
    link.textContent = pt('print.link');
    link.title = pt(labelKey);
  };
  label();
  const stop = onLanguageChange(() => {
    if (!link.isConnected) stop();
    else label();
  });
  return link;
}

/** The link from a commune's page to its printed report (`#/print/commune/01273?wave=2026`). */
export function communeReportLink(code: string, wave?: string | null): HTMLAnchorElement {
  return reportLink(reportHash(`commune/${code}`, wave), 'print.linkCommune');
}

/** The link from the ranking to the printed province report (`#/print/province?wave=2026`). */
export function provinceReportLink(wave?: string | null): HTMLAnchorElement {
  return reportLink(reportHash('province', wave), 'print.linkProvince');
}
