/** Timings of the kiosk loop, in seconds. */
export type KioskConfig = {
  /** Without a touch for this long, the "still there?" prompt opens. */
  idleSeconds: number;
  /** How long the prompt waits for a touch before the form is cleared. */
  promptSeconds: number;
  /** How long the thank-you stays before a fresh form. */
  thanksSeconds: number;
  /** Each page plays its questions' recordings in turn as it opens (`?listen=auto`); off by default. */
  autoplayAudio: boolean;
};

export const defaultKioskConfig: KioskConfig = {
  idleSeconds: 90,
  promptSeconds: 20,
  thanksSeconds: 10,
  autoplayAudio: false,
};

type Timing = Exclude<keyof KioskConfig, 'autoplayAudio'>;

const bounds: Record<Timing, { param: string; min: number; max: number }> = {
  idleSeconds: { param: 'idle', min: 3, max: 3600 },
  promptSeconds: { param: 'prompt', min: 3, max: 300 },
  thanksSeconds: { param: 'thanks', min: 1, max: 120 },
};

/**
 * Read from the address (`/kiosk?idle=30&prompt=15&thanks=5&listen=auto`), not from storage: the setup
 * stays with the kiosk's bookmark, and storage keeps nothing but the pairing. A value out of
 * bounds or not a number falls back to the default.
 */
export function readKioskConfig(search: string): KioskConfig {
  const params = new URLSearchParams(search);
  const config = { ...defaultKioskConfig };
  for (const key of Object.keys(bounds) as Timing[]) {
    const { param, min, max } = bounds[key];
    const value = Number(params.get(param) ?? Number.NaN);
    if (Number.isFinite(value) && value >= min && value <= max) config[key] = value;
  }
  config.autoplayAudio = params.get('listen') === 'auto';
  return config;
}
