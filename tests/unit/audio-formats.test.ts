import { describe, expect, it } from 'vitest';
import { mp3Seconds } from '../../server/audio/mp3.ts';
import { oggOpusSeconds } from '../../server/audio/ogg-opus.ts';
import { sniffRecording } from '../../server/audio/read-recording.ts';
import { webmSeconds } from '../../server/audio/webm.ts';
import {
  audioFixture,
  mp3Repeated,
  oggHeadersOnly,
  oggLasting,
  webmWithoutDuration,
} from '../fixtures/audio/audio-fixtures.ts';

/**
 * The format and length of a recording, read from its bytes alone. Expected lengths are
 * ffprobe's for the same files (make-fixtures.sh), within one Opus frame (20 ms).
 */
describe('reading a recording from its bytes', () => {
  it.each([
    { file: 'question.ogg', type: 'audio/ogg', seconds: 2.5 },
    { file: 'question.mp3', type: 'audio/mpeg', seconds: 3.048 },
    { file: 'plain.mp3', type: 'audio/mpeg', seconds: 3.048 },
    { file: 'question.webm', type: 'audio/webm', seconds: 2.008 },
    { file: 'streamed.webm', type: 'audio/webm', seconds: 4 },
  ] as const)('$file is $type of $seconds s', ({ file, type, seconds }) => {
    const read = sniffRecording(audioFixture(file));
    expect(read.type).toBe(type);
    expect(Math.abs((read.seconds ?? 0) - seconds)).toBeLessThan(0.02);
  });

  it('knows none of a text, an Ogg Vorbis, a Matroska or a lone frame sync', () => {
    const matroska = Buffer.from(audioFixture('question.webm'));
    matroska.set(Buffer.from('matr'), matroska.indexOf('webm'));
    const cases = [
      Buffer.from('just a text file named question.mp3\n'),
      Buffer.from('ID3 tags are what this text is about'),
      audioFixture('vorbis.ogg'),
      matroska,
      Buffer.from([0xff, 0xfb, 0x90, 0x00, 0x41, 0x42]),
      Buffer.alloc(0),
    ];
    for (const bytes of cases) expect(sniffRecording(bytes)).toEqual({ type: null, seconds: null });
  });

  it('reads an Ogg Opus length as its last granule position less the pre-skip', () => {
    expect(oggOpusSeconds(oggLasting(61))).toBeCloseTo(61, 6);
    expect(oggOpusSeconds(oggLasting(0.5))).toBeCloseTo(0.5, 6);
    // Only the two header pages: no audio, so no length.
    expect(sniffRecording(oggHeadersOnly())).toEqual({ type: 'audio/ogg', seconds: null });
    // Cut inside its last page: the last whole page gives the length, a little shorter.
    const ogg = audioFixture('question.ogg');
    const cut = oggOpusSeconds(ogg.subarray(0, ogg.length - 10)) ?? 0;
    expect(cut).toBeGreaterThan(1);
    expect(cut).toBeLessThan(2.5);
  });

  it('reads an MP3 by its Xing header, or by walking its frames when it has none', () => {
    const tagged = audioFixture('question.mp3');
    expect(tagged.subarray(0, 3).toString()).toBe('ID3');
    expect(tagged.includes('Info') || tagged.includes('Xing')).toBe(true);
    expect(audioFixture('plain.mp3').includes('Info')).toBe(false);
    expect(mp3Seconds(mp3Repeated(21))).toBeCloseTo(21 * 3.048, 2);
    // A trailing ID3v1 tag (128 bytes from "TAG") is not a frame.
    const withV1 = Buffer.concat([
      audioFixture('plain.mp3'),
      Buffer.from('TAG'),
      Buffer.alloc(125),
    ]);
    expect(mp3Seconds(withV1)).toBeCloseTo(3.048, 3);
  });

  it('reads a WebM by its Duration, or by its last block when it has none', () => {
    const withDuration = webmSeconds(audioFixture('question.webm')) ?? 0;
    const fromBlocks = webmSeconds(webmWithoutDuration()) ?? 0;
    expect(withDuration).toBeCloseTo(2.008, 3);
    // The last block starts one Opus frame (20 ms) or so before the end.
    expect(fromBlocks).toBeGreaterThan(1.9);
    expect(fromBlocks).toBeLessThan(withDuration);
    // The EBML header alone: no segment, no length.
    const webm = audioFixture('question.webm');
    const header = webm.subarray(0, webm.indexOf(Buffer.from([0x18, 0x53, 0x80, 0x67])));
    expect(sniffRecording(header)).toEqual({ type: 'audio/webm', seconds: null });
  });
});
