/**
 * The device's Vietnamese voice, if it has one. Browsers load their voices after the page, so
 * an empty list at first says nothing: `onVoicesChanged` tells when to look again.
 */
export function vietnameseVoice(): SpeechSynthesisVoice | null {
  if (typeof speechSynthesis === 'undefined') return null;
  const voices = speechSynthesis.getVoices();
  return voices.find((voice) => /^vi([-_]|$)/i.test(voice.lang)) ?? null;
}

export function onVoicesChanged(listener: () => void): () => void {
  if (typeof speechSynthesis === 'undefined') return () => {};
  speechSynthesis.addEventListener('voiceschanged', listener);
  return () => speechSynthesis.removeEventListener('voiceschanged', listener);
}
