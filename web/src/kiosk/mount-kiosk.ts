import type { PairedKiosk } from '../../../server/kiosks/schema.ts';
import type { Questionnaire } from '../../../server/questionnaires/schema.ts';
import { api } from '../shared/api.ts';
import { el } from '../shared/el.ts';
import { onLanguageChange, translate } from '../shared/i18n.ts';
import { mountNoOpenWaveScreen, noWaveOpen } from '../shared/no-open-wave-screen.ts';
import { recheckQuestionnaire, watchReturns } from '../shared/open-wave-check.ts';
import type { Outbox } from '../shared/outbox.ts';
import { mountEndedScreen } from './ended-screen.ts';
import { forgetPerson } from './forget-person.ts';
import type { KioskConfig } from './kiosk-config.ts';
import { mountKioskLoop } from './kiosk-loop.ts';
import { type KioskKey, kioskMessages } from './messages.ts';
import { mountPairingScreen } from './pairing-screen.ts';
import { forgetPairing, loadPairing, savePairing } from './pairing-store.ts';
import { openPinDialog } from './pin-dialog.ts';
import { mountStaffCorner } from './staff-corner.ts';

/** While a form waits for the next person, how often the kiosk asks whether its round is still open. */
const recheckEveryMs = 5 * 60_000;

const t = (key: KioskKey, values?: Record<string, string | number>) =>
  translate(kioskMessages, key, values);

type Part = { destroy(): void };

/**
 * The header's parts that depend on the kiosk: where it stands, and the staff's two ways out:
 * the exit button (shown only while something waits to be sent) and the corner they hold.
 */
export type KioskChrome = {
  place: HTMLElement;
  exit: HTMLButtonElement;
  corner: HTMLButtonElement;
};

/**
 * The kiosk page: pairing until the device has a token, then the loop of forms; the staff PIN
 * leads to a plain "kiosk mode ended" screen. Residents see no way out: the exit button shows
 * only while responses wait to be sent (staff then have something to act on); at all times
 * staff hold the brand in the corner to reach the PIN. Fullscreen is asked for on every touch
 * while in kiosk mode, since a browser grants it only on a touch.
 */
export function mountKiosk(
  element: HTMLElement,
  deps: { outbox: Outbox; config: KioskConfig; chrome: KioskChrome; pairCode?: string },
) {
  const { outbox, config, chrome } = deps;
  let part: Part | null = null;
  let pin: { close(): void } | null = null;
  let inKioskMode = false;
  let somethingWaits = false;
  let questionnaire: Questionnaire | null = null;
  let questionnaireFetchedAt = 0;
  const show = (render: () => Part) => {
    pin?.close();
    part?.destroy();
    element.replaceChildren();
    part = render();
  };

  const renderChrome = () => {
    const kiosk = loadPairing();
    chrome.place.textContent = kiosk
      ? t('place', { commune: kiosk.communeName, label: kiosk.label })
      : '';
    chrome.exit.textContent = t('exit');
    chrome.exit.setAttribute('aria-label', t('exitLabel'));
    chrome.exit.hidden = !inKioskMode || !somethingWaits;
    corner.render();
  };

  const pairing = (initialCode?: string) => {
    inKioskMode = false;
    renderChrome();
    show(() =>
      mountPairingScreen(element, {
        ...(initialCode ? { initialCode } : {}),
        onPaired: (kiosk) => {
          savePairing(kiosk);
          void requeue(kiosk);
          start(kiosk);
        },
      }),
    );
  };

  /**
   * Pairing again replaces the kiosk's token, so responses queued under the old one, or
   * already refused for it (401 is final for an item), go out again under the new token.
   * Only those of this kiosk's commune, since the server takes a kiosk's responses for its
   * commune only.
   */
  const requeue = async (kiosk: PairedKiosk) => {
    for (const item of await outbox.items()) {
      const waitsForToken =
        item.state === 'pending' || (item.state === 'rejected' && item.status === 401);
      if (waitsForToken && item.token !== kiosk.token) {
        if (item.body.communeCode === kiosk.communeCode) await outbox.add(item.body, kiosk.token);
      }
    }
  };

  const start = (kiosk: PairedKiosk) => {
    inKioskMode = true;
    renderChrome();
    if (questionnaire && noWaveOpen(questionnaire)) {
      const next = (questionnaire as { nextWave?: { opensOn: string } | null }).nextWave;
      // Asked again every minute: the kiosk opens by itself when a wave does. The outbox
      // keeps sending behind this screen.
      questionnaire = null;
      show(() => {
        const screen = mountNoOpenWaveScreen(element, {
          nextOpensOn: next?.opensOn ?? null,
          className: 'kiosk-closed',
        });
        const again = setTimeout(() => start(kiosk), 60_000);
        const stopReturns = watchReturns(() => start(kiosk));
        return {
          destroy() {
            clearTimeout(again);
            stopReturns();
            screen.destroy();
          },
        };
      });
      return;
    }
    if (questionnaire) {
      runLoop(kiosk, questionnaire);
      return;
    }
    show(() => {
      const loading = el('p', { textContent: t('loading') });
      element.append(loading);
      let retry: ReturnType<typeof setTimeout> | undefined;
      let destroyed = false;
      const load = async () => {
        try {
          questionnaire = await api<Questionnaire>('/api/questionnaires/current');
          questionnaireFetchedAt = Date.now();
          if (!destroyed) start(kiosk);
        } catch {
          if (destroyed) return;
          loading.textContent = t('loadFailed');
          loading.className = 'error';
          retry = setTimeout(() => void load(), 15_000);
        }
      };
      void load();
      return {
        destroy() {
          destroyed = true;
          clearTimeout(retry);
        },
      };
    });
  };

  /**
   * The loop of forms on the questionnaire held. The round is asked for again at each new
   * person, when the kiosk comes back (focus, online) and every few minutes while it waits; a
   * change (a wave closed, another questionnaire) replaces the loop as soon as its form is
   * untouched, never under someone answering. Unreachable, the kiosk goes on with what it holds.
   */
  const runLoop = (kiosk: PairedKiosk, held: Questionnaire) => {
    const asked = questionnaireFetchedAt;
    show(() => {
      let destroyed = false;
      let changed = false;
      let loop: ReturnType<typeof mountKioskLoop> | null = null;
      const recheck = async () => {
        const current = await recheckQuestionnaire(held);
        if (!current || destroyed) return;
        questionnaire = current;
        changed = true;
        if (loop?.free()) start(kiosk);
      };
      loop = mountKioskLoop(element, {
        questionnaire: held,
        kiosk,
        outbox,
        config,
        // Not for the first form, drawn while mounting: the check below covers it.
        onNextPerson: () => {
          if (!loop) return;
          if (changed) queueMicrotask(() => start(kiosk));
          else void recheck();
        },
      });
      // Just fetched for this loop: no need to ask again at once.
      if (Date.now() - asked > 5_000) void recheck();
      const stopReturns = watchReturns(() => void recheck());
      const every = setInterval(() => void recheck(), recheckEveryMs);
      return {
        destroy() {
          destroyed = true;
          stopReturns();
          clearInterval(every);
          loop?.destroy();
        },
      };
    });
  };

  const ended = (kiosk: PairedKiosk) => {
    inKioskMode = false;
    renderChrome();
    void document.exitFullscreen?.().catch(() => {});
    show(() =>
      mountEndedScreen(element, {
        outbox,
        onResume: () => start(kiosk),
        onUnpair: () => {
          forgetPairing();
          pairing();
        },
      }),
    );
  };

  const onExit = () => {
    const kiosk = loadPairing();
    if (!kiosk || !inKioskMode) return;
    pin?.close();
    pin = openPinDialog(document.body, {
      exitPinHash: kiosk.exitPinHash,
      onCorrect: () => ended(kiosk),
    });
  };
  const onTouch = () => {
    if (!inKioskMode || document.fullscreenElement) return;
    void document.documentElement.requestFullscreen?.().catch(() => {});
  };
  chrome.exit.addEventListener('click', onExit);
  const corner = mountStaffCorner(chrome.corner, {
    label: () => `CB-HPI · ${t('staffCorner')}`,
    onOpen: onExit,
  });
  document.addEventListener('click', onTouch, true);
  const unsubscribe = onLanguageChange(renderChrome);

  const kiosk = loadPairing();
  if (kiosk && !deps.pairCode) start(kiosk);
  else pairing(deps.pairCode);

  return {
    /** Whether responses wait in the outbox (pending or refused): the exit button shows then. */
    setSomethingWaits(waits: boolean) {
      somethingWaits = waits;
      renderChrome();
    },
    destroy() {
      unsubscribe();
      corner.destroy();
      chrome.exit.removeEventListener('click', onExit);
      document.removeEventListener('click', onTouch, true);
      pin?.close();
      part?.destroy();
      element.replaceChildren();
      forgetPerson();
    },
  };
}
