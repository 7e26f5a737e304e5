/**
 * The listen button's words. Its own small catalogue: Vietnamese for every language without
 * its own, beside a speaker sign, since the button serves people who may not read at all.
 */
const words: Record<string, { listen: string }> = {
  vi: { listen: 'Nghe' },
  en: { listen: 'Listen' },
};

export const listenWords = (language: string) => words[language] ?? { listen: 'Nghe' };
