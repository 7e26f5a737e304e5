import type { Commune } from '../../../server/communes/schema.ts';
import { el } from './dom.ts';
import { t } from './messages.ts';

/** A required choice of commune, empty until one is chosen, so none is picked by accident. */
export function communeSelect(communes: readonly Commune[], name: string, id: string) {
  return el('select', { id, name, required: true }, [
    new Option(t('form.chooseCommune'), ''),
    ...communes.map((c) => new Option(`${c.name} (${c.code})`, c.code)),
  ]);
}
