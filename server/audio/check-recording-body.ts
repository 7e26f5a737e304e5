import { AppError } from '../errors.ts';
import {
  type AudioType,
  audioFormatName,
  audioTypes,
  maxRecordingBytes,
  maxRecordingSeconds,
} from './audio-format.ts';
import { sniffRecording } from './read-recording.ts';

const unsupported = (message: string) => new AppError(415, 'unsupported_media_type', message);
const invalid = (message: string) =>
  new AppError(400, 'validation_failed', message, [{ path: 'body', message }]);

/** The media type of a Content-Type header, without its parameters (`codecs=opus`). */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * A recording body as stored, or the refusal: 413 over 1 MB; 415 when its bytes are none of
 * our formats or another than its Content-Type says; 400 when it is empty, its length cannot
 * be read from it, or it is over 60 s. The declared type is never trusted alone.
 */
export function checkRecordingBody(
  body: unknown,
  contentType: string | undefined,
): { bytes: Buffer; type: AudioType; seconds: number } {
  const declared = mediaType(contentType);
  if (!Buffer.isBuffer(body) || !(audioTypes as readonly string[]).includes(declared)) {
    throw unsupported(`Send the recording as ${audioTypes.join(', ')}`);
  }
  if (body.length > maxRecordingBytes) {
    throw new AppError(
      413,
      'payload_too_large',
      `A recording may be at most 1 MB (${maxRecordingBytes} bytes); this one is ${body.length}`,
    );
  }
  if (body.length === 0) throw invalid('The recording is empty');
  const { type, seconds } = sniffRecording(body);
  if (type === null) {
    throw unsupported('These bytes are not an Ogg Opus, MP3 or WebM recording');
  }
  if (type !== declared) {
    throw unsupported(
      `These bytes are ${audioFormatName[type]} (${type}), but the Content-Type says ${declared}`,
    );
  }
  if (seconds === null) {
    throw invalid(
      `The length of this ${audioFormatName[type]} recording cannot be read from its bytes; export it again from the recording program`,
    );
  }
  if (seconds > maxRecordingSeconds) {
    throw invalid(
      `A recording may be at most ${maxRecordingSeconds} s; this one is ${seconds.toFixed(1)} s`,
    );
  }
  return { bytes: body, type, seconds };
}
