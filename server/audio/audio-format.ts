/** The recording formats the server takes, by the Content-Type they are sent and served with. */
export const audioTypes = ['audio/ogg', 'audio/mpeg', 'audio/webm'] as const;
export type AudioType = (typeof audioTypes)[number];

/** What a person calls each format, for messages. */
export const audioFormatName: Record<AudioType, string> = {
  'audio/ogg': 'Ogg Opus',
  'audio/mpeg': 'MP3',
  'audio/webm': 'WebM',
};

/** 1 MiB: a minute of speech at 64 kbit/s is under half of it. */
export const maxRecordingBytes = 1024 * 1024;
export const maxRecordingSeconds = 60;
