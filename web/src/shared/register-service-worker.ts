/** Installs the service worker that keeps the page and the questionnaire on the device. */
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js').catch(() => {
    // Without it the page still works online; offline it would not open, nothing else breaks.
  });
}
