import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findAnswerProblems } from '../../server/questionnaires/find-answer-problems.ts';
import {
  QuestionnaireFileError,
  readQuestionnaires,
} from '../../server/questionnaires/load-questionnaires.ts';
import { dimensionKeys } from '../../server/questionnaires/schema.ts';
import { scoreResponse } from '../../server/scoring/score-response.ts';

const surveysDir = fileURLToPath(new URL('../../surveys/', import.meta.url));
const realId = 'cb-hpi-2026-v1';
const realText = readFileSync(join(surveysDir, `${realId}.json`), 'utf8');

type Element = Record<string, unknown> & { name?: string; elements?: Element[] };
type Item = Record<string, unknown> & { name: string; dimension: string };
/** The parts of a questionnaire file these tests touch; everything else passes through. */
type QuestionnaireJson = Record<string, unknown> & {
  id: string;
  published: string;
  scoring: Record<string, unknown> & {
    dimensions?: Array<Record<string, unknown>>;
    items: Item[];
    missing?: number[];
  };
  survey: { pages: Array<{ name?: string; elements: Element[] }> };
};

/** A fresh deep copy of the real questionnaire, to mutate. */
function realJson(): QuestionnaireJson {
  return JSON.parse(realText) as QuestionnaireJson;
}

function formQuestion(json: QuestionnaireJson, name: string): Element {
  for (const page of json.survey.pages) {
    const found = page.elements.find((element) => element.name === name);
    if (found) return found;
  }
  throw new Error(`test setup: no question ${name}`);
}

function scoringItem(json: QuestionnaireJson, name: string): Item {
  const found = json.scoring.items.find((item) => item.name === name);
  if (!found) throw new Error(`test setup: no item ${name}`);
  return found;
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** Writes each file (an object as JSON, a string as is) into a fresh temporary folder. */
function surveysFolder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cb-hpi-loader-'));
  tempDirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const text = typeof content === 'string' ? content : JSON.stringify(content, null, 2);
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function loadError(dir: string, currentId?: string): QuestionnaireFileError {
  try {
    readQuestionnaires(dir, currentId);
  } catch (error) {
    expect(error).toBeInstanceOf(QuestionnaireFileError);
    return error as QuestionnaireFileError;
  }
  throw new Error('expected readQuestionnaires to throw');
}

/** Some line of the message names the file and every fragment (the item, the field, …). */
function expectProblem(error: Error, file: string, ...fragments: string[]) {
  const lines = error.message.split('\n');
  const matching = lines.filter(
    (line) => line.includes(file) && fragments.every((fragment) => line.includes(fragment)),
  );
  expect(
    matching,
    `no line names ${file} and ${fragments.join(', ')}:\n${error.message}`,
  ).not.toHaveLength(0);
}

describe('readQuestionnaires on the real surveys folder', () => {
  const catalog = readQuestionnaires(surveysDir);
  const questionnaire = catalog.byId.get(realId);

  it(`loads ${realId} with 24 items, 6 per dimension`, () => {
    expect(questionnaire).toBeDefined();
    const items = questionnaire?.scoring.items ?? [];
    expect(items).toHaveLength(24);
    for (const key of dimensionKeys) {
      expect(items.filter((item) => item.dimension === key)).toHaveLength(6);
    }
    expect(new Set(items.map((item) => item.name)).size).toBe(24);
  });

  it('fills every dimension with a weight and minAnswered (⌈2·6/3⌉ = 4)', () => {
    const dimensions = questionnaire?.scoring.dimensions ?? [];
    expect(dimensions.map((dimension) => dimension.key)).toEqual([...dimensionKeys]);
    for (const dimension of dimensions) {
      expect(dimension.weight).toBeGreaterThan(0);
      expect(dimension.minAnswered).toBe(4);
    }
  });

  it('declares mean scoring, missing codes 98 and 99, cutoff 70', () => {
    expect(questionnaire?.scoring.method).toBe('mean');
    expect(questionnaire?.scoring.missing).toEqual([98, 99]);
    expect(questionnaire?.scoring.cutoff).toBe(70);
  });

  it('every item is a 0–10 rating of the form; unscored questions are known too', () => {
    for (const item of questionnaire?.scoring.items ?? []) {
      expect(item.min).toBe(0);
      expect(item.max).toBe(10);
      expect(typeof item.reverse).toBe('boolean');
      expect(item.weight).toBeGreaterThan(0);
      expect(questionnaire?.questions.get(item.name)?.type).toBe('rating');
    }
    for (const name of ['life_sat', 'age_band', 'sex', 'ethnicity', 'comment']) {
      expect(questionnaire?.questions.has(name)).toBe(true);
    }
    expect(questionnaire?.questions.has('intro')).toBe(false);
  });

  it('gives a sha256 content hash and can be chosen by id', () => {
    expect(questionnaire?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(readQuestionnaires(surveysDir, realId).current.id).toBe(realId);
  });

  it('scores METHOD.md’s worked example with the real security items', () => {
    // sec_food_worry is the reverse item: answer 2 → 80.
    const answers = {
      sec_income: 8,
      sec_health: 9,
      sec_housing: 7,
      sec_safety: 98,
      sec_disaster: 10,
      sec_food_worry: 2,
    };
    expect(questionnaire).toBeDefined();
    if (!questionnaire) return;
    expect(findAnswerProblems(questionnaire, answers)).toEqual([]);
    const scores = scoreResponse(questionnaire.scoring, answers);
    expect(scores.security).toBe(84);
    expect(scores.overall).toBeNull();
  });
});

type BrokenCase = {
  name: string;
  mutate: (json: QuestionnaireJson) => void;
  /** What the message must say besides the file name. */
  fragments: string[];
};

const brokenCases: BrokenCase[] = [
  {
    name: 'a dimension without items (all trust items removed)',
    mutate: (json) => {
      json.scoring.items = json.scoring.items.filter((item) => item.dimension !== 'trust');
    },
    fragments: ['trust'],
  },
  {
    name: 'an item naming a question not in the form',
    mutate: (json) => {
      scoringItem(json, 'sec_income').name = 'sec_pension';
    },
    fragments: ['sec_pension'],
  },
  {
    name: 'an item naming a display-only html element',
    mutate: (json) => {
      scoringItem(json, 'sec_income').name = 'intro';
    },
    fragments: ['"intro"'],
  },
  {
    name: 'an item whose rating offers 0..9 instead of 0..10',
    mutate: (json) => {
      formQuestion(json, 'sec_health').rateValues = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 98, 99];
    },
    fragments: ['sec_health'],
  },
  {
    name: 'an item whose rating offers 0..11',
    mutate: (json) => {
      formQuestion(json, 'opp_jobs').rateValues = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 98];
    },
    fragments: ['opp_jobs'],
  },
  {
    name: 'an item whose rating offers the strings "0".."10"',
    mutate: (json) => {
      formQuestion(json, 'cul_family').rateValues = Array.from({ length: 11 }, (_, i) => `${i}`);
    },
    fragments: ['cul_family'],
  },
  {
    name: 'an item scored on a free-text question',
    mutate: (json) => {
      scoringItem(json, 'tru_voice').name = 'comment';
    },
    fragments: ['comment'],
  },
  {
    name: 'a form offering an answer code the questionnaire does not call missing',
    mutate: (json) => {
      json.scoring.missing = [99];
    },
    fragments: ['sec_income'],
  },
  {
    name: 'min > max',
    mutate: (json) => {
      Object.assign(scoringItem(json, 'sec_housing'), { min: 10, max: 0 });
    },
    fragments: ['sec_housing', 'min'],
  },
  {
    name: 'min = max',
    mutate: (json) => {
      Object.assign(scoringItem(json, 'sec_housing'), { min: 5, max: 5 });
    },
    fragments: ['sec_housing', 'min'],
  },
  {
    name: 'a missing code (5) inside min..max',
    mutate: (json) => {
      json.scoring.missing = [5, 98, 99];
    },
    fragments: ['sec_income', '5'],
  },
  {
    name: 'item weight 0',
    mutate: (json) => {
      scoringItem(json, 'sec_safety').weight = 0;
    },
    fragments: ['sec_safety', 'weight'],
  },
  {
    name: 'item weight negative',
    mutate: (json) => {
      scoringItem(json, 'sec_disaster').weight = -1;
    },
    fragments: ['sec_disaster', 'weight'],
  },
  {
    name: 'item weight not a number',
    mutate: (json) => {
      scoringItem(json, 'opp_future').weight = '2';
    },
    fragments: ['opp_future', 'weight'],
  },
  {
    name: 'fractional min',
    mutate: (json) => {
      scoringItem(json, 'opp_school').min = 0.5;
    },
    fragments: ['opp_school', 'min'],
  },
  {
    name: 'dimension weight 0',
    mutate: (json) => {
      const dimensions = json.scoring.dimensions ?? [];
      (dimensions[0] as Record<string, unknown>).weight = 0;
    },
    fragments: ['dimensions[0]', 'weight'],
  },
  {
    name: 'dimension weight negative',
    mutate: (json) => {
      const dimensions = json.scoring.dimensions ?? [];
      (dimensions[2] as Record<string, unknown>).weight = -2;
    },
    fragments: ['dimensions[2]', 'weight'],
  },
  {
    name: 'minAnswered above the number of items',
    mutate: (json) => {
      const dimensions = json.scoring.dimensions ?? [];
      (dimensions[3] as Record<string, unknown>).minAnswered = 7;
    },
    fragments: ['trust', 'minAnswered'],
  },
  {
    name: 'an item listed twice',
    mutate: (json) => {
      json.scoring.items.push({ ...scoringItem(json, 'cul_language') });
    },
    fragments: ['cul_language', 'twice'],
  },
  {
    name: 'a question name appearing twice in the form',
    mutate: (json) => {
      json.survey.pages[1]?.elements.push({ ...formQuestion(json, 'life_sat') });
    },
    fragments: ['life_sat', 'twice'],
  },
  {
    name: 'a scored question name appearing twice in the form',
    mutate: (json) => {
      json.survey.pages[0]?.elements.push({ ...formQuestion(json, 'tru_commune') });
    },
    fragments: ['tru_commune', 'twice'],
  },
  {
    name: 'an unknown dimension key in dimensions[]',
    mutate: (json) => {
      const dimensions = json.scoring.dimensions ?? [];
      (dimensions[3] as Record<string, unknown>).key = 'happiness';
    },
    fragments: ['dimensions[3]', 'key'],
  },
  {
    name: 'a dimension declared twice',
    mutate: (json) => {
      json.scoring.dimensions?.push({ key: 'culture', weight: 2 });
    },
    fragments: ['culture', 'twice'],
  },
  {
    name: 'an item with an unknown dimension key',
    mutate: (json) => {
      scoringItem(json, 'opp_signal').dimension = 'happiness';
    },
    fragments: ['opp_signal', 'dimension'],
  },
  {
    name: 'an unknown top-level field',
    mutate: (json) => {
      json.version = 2;
    },
    fragments: ['version'],
  },
  {
    name: 'an unknown field in an item',
    mutate: (json) => {
      scoringItem(json, 'tru_voice').reversed = true;
    },
    fragments: ['tru_voice', 'reversed'],
  },
  {
    name: 'an unknown method',
    mutate: (json) => {
      json.scoring.method = 'median';
    },
    fragments: ['method'],
  },
  {
    name: 'a cutoff above 100',
    mutate: (json) => {
      json.scoring.cutoff = 101;
    },
    fragments: ['cutoff'],
  },
];

describe('readQuestionnaires rejects a broken file, naming the file and what is at fault', () => {
  it.each(brokenCases)('$name', ({ mutate, fragments }) => {
    const json = realJson();
    mutate(json);
    const error = loadError(surveysFolder({ 'broken-survey.json': json }));
    expectProblem(error, 'broken-survey.json', ...fragments);
  });

  it('not JSON', () => {
    const dir = surveysFolder({ 'truncated.json': realText.slice(0, 200) });
    expectProblem(loadError(dir), 'truncated.json', 'JSON');
  });

  it('two files with the same id', () => {
    const json = realJson();
    const error = loadError(surveysFolder({ 'first.json': json, 'second.json': json }));
    const line = error.message
      .split('\n')
      .find((text) => text.includes(realId) && /(first|second)\.json/.test(text));
    expect(line, error.message).toBeDefined();
  });

  it('names the broken file among good ones, and every problem of it', () => {
    const broken = realJson();
    broken.id = 'cb-hpi-2026-v2';
    scoringItem(broken, 'sec_safety').weight = 0;
    scoringItem(broken, 'opp_jobs').name = 'opp_pension';
    const error = loadError(surveysFolder({ 'good.json': realJson(), 'bad.json': broken }));
    expectProblem(error, 'bad.json', 'sec_safety', 'weight');
    expect(error.message).not.toContain('good.json');
  });

  it('gathers the problems of every broken file before throwing', () => {
    const one = realJson();
    one.id = 'one-v1';
    scoringItem(one, 'sec_safety').weight = -3;
    const two = realJson();
    two.id = 'two-v1';
    scoringItem(two, 'opp_jobs').name = 'opp_pension';
    const error = loadError(surveysFolder({ 'one.json': one, 'two.json': two }));
    expectProblem(error, 'one.json', 'sec_safety');
    expectProblem(error, 'two.json', 'opp_pension');
  });

  it('a folder without questionnaires', () => {
    loadError(surveysFolder({ 'README.md': '# nothing here' }));
  });
});

describe('readQuestionnaires fills the defaults of METHOD.md section 1', () => {
  /** The real questionnaire with every defaulted field of the scoring block left out. */
  function bare(): QuestionnaireJson {
    const json = realJson();
    json.scoring = {
      items: json.scoring.items.map(({ name, dimension, min, max }) => ({
        name,
        dimension,
        min,
        max,
      })),
    };
    return json;
  }

  it('method mean, missing [98, 99], cutoff 70, weights 1, reverse false, minAnswered 4', () => {
    const catalog = readQuestionnaires(surveysFolder({ 'bare.json': bare() }));
    const scoring = catalog.current.scoring;
    expect(scoring.method).toBe('mean');
    expect(scoring.missing).toEqual([98, 99]);
    expect(scoring.cutoff).toBe(70);
    expect(scoring.dimensions).toEqual(
      dimensionKeys.map((key) => ({ key, weight: 1, minAnswered: 4 })),
    );
    expect(scoring.items).toHaveLength(24);
    for (const item of scoring.items) {
      expect(item.reverse).toBe(false);
      expect(item.weight).toBe(1);
    }
  });

  // ⌈2k/3⌉: k = 1 → 1, 2 → 2, 3 → 2, 4 → 3, 5 → 4, 6 → 4.
  it.each([
    { counts: [5, 1, 2, 3], expected: [4, 1, 2, 2] },
    { counts: [4, 6, 6, 6], expected: [3, 4, 4, 4] },
    { counts: [1, 1, 1, 1], expected: [1, 1, 1, 1] },
  ])('minAnswered for $counts items is $expected', ({ counts, expected }) => {
    const json = bare();
    json.scoring.items = dimensionKeys.flatMap((key, d) =>
      json.scoring.items.filter((item) => item.dimension === key).slice(0, counts[d]),
    );
    const { current } = readQuestionnaires(surveysFolder({ 'bare.json': json }));
    expect(current.scoring.dimensions.map((dimension) => dimension.minAnswered)).toEqual(expected);
    expect(current.scoring.dimensions.map((dimension) => dimension.weight)).toEqual([1, 1, 1, 1]);
  });

  it('a partly declared dimension keeps what it declares and defaults the rest', () => {
    const json = bare();
    json.scoring.dimensions = [
      { key: 'trust', weight: 2 },
      { key: 'culture', minAnswered: 6 },
    ];
    const { current } = readQuestionnaires(surveysFolder({ 'partial.json': json }));
    expect(current.scoring.dimensions).toEqual([
      { key: 'security', weight: 1, minAnswered: 4 },
      { key: 'opportunity', weight: 1, minAnswered: 4 },
      { key: 'culture', weight: 1, minAnswered: 6 },
      { key: 'trust', weight: 2, minAnswered: 4 },
    ]);
  });

  it('declared values are kept, not overwritten by defaults', () => {
    const json = realJson();
    json.scoring.method = 'sufficiency';
    json.scoring.cutoff = 60;
    scoringItem(json, 'sec_income').weight = 2.5;
    const { current } = readQuestionnaires(surveysFolder({ 'declared.json': json }));
    expect(current.scoring.method).toBe('sufficiency');
    expect(current.scoring.cutoff).toBe(60);
    expect(current.scoring.items.find((item) => item.name === 'sec_income')?.weight).toBe(2.5);
    expect(current.scoring.items.find((item) => item.name === 'sec_food_worry')?.reverse).toBe(
      true,
    );
  });
});

describe('missing codes the form does not offer', () => {
  it('load, and still count as missing rather than invalid', () => {
    const json = realJson();
    formQuestion(json, 'sec_income').rateValues = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const { current } = readQuestionnaires(surveysFolder({ 'no-dont-know.json': json }));
    expect(findAnswerProblems(current, { sec_income: 98 })).toEqual([]);
    expect(findAnswerProblems(current, { sec_income: 99 })).toEqual([]);
    expect(findAnswerProblems(current, { sec_income: 97 })).toHaveLength(1);
  });
});

describe('readQuestionnaires currentId', () => {
  const older = realJson();
  const newer = { ...realJson(), id: 'cb-hpi-2027-v1', published: '2027-01-01' };
  const dir = surveysFolder({ 'a-2027.json': newer, 'b-2026.json': older });

  it('without currentId, the latest published questionnaire is current', () => {
    const catalog = readQuestionnaires(dir);
    expect(catalog.current.id).toBe('cb-hpi-2027-v1');
    expect([...catalog.byId.keys()].sort()).toEqual(['cb-hpi-2026-v1', 'cb-hpi-2027-v1']);
  });

  it('currentId selects that questionnaire', () => {
    expect(readQuestionnaires(dir, 'cb-hpi-2026-v1').current.id).toBe('cb-hpi-2026-v1');
    expect(readQuestionnaires(dir, 'cb-hpi-2027-v1').current.id).toBe('cb-hpi-2027-v1');
  });

  it('an unknown currentId throws, naming the id', () => {
    const error = loadError(dir, 'cb-hpi-2099-v9');
    expect(error.message).toContain('cb-hpi-2099-v9');
  });

  it('the content hash ignores key order and spacing, but not content', () => {
    const hashOf = (content: unknown) =>
      readQuestionnaires(surveysFolder({ 'x.json': content })).byId.get(realId)?.contentHash;
    const reordered = Object.fromEntries(Object.entries(realJson()).reverse());
    const changed = realJson();
    scoringItem(changed, 'sec_income').weight = 2;
    const original = hashOf(realJson());
    expect(original).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf(JSON.stringify(reordered))).toBe(original);
    expect(hashOf(changed)).not.toBe(original);
  });
});

describe('a scale far too wide', () => {
  it('is reported with the file and the item, not a crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cbhpi-wide-'));
    const file = JSON.parse(
      readFileSync(new URL('../../surveys/cb-hpi-2026-v1.json', import.meta.url), 'utf8'),
    );
    file.scoring.items[0].max = 5_000_000_000;
    writeFileSync(join(dir, 'wide.json'), JSON.stringify(file));
    expect(() => readQuestionnaires(dir)).toThrow(
      /wide\.json: scoring\.items\[0\] "sec_income": 0\.\.5000000000 is not a rating scale/,
    );
  });
});

describe('the questionnaires in surveys/', () => {
  const catalog = readQuestionnaires(surveysDir);
  const v1 = catalog.byId.get('cb-hpi-2026-v1');
  const v2 = catalog.byId.get('cb-hpi-2026-v2');

  it('v1 is exactly as released: answered versions are immutable', () => {
    const bytes = readFileSync(join(surveysDir, 'cb-hpi-2026-v1.json'));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      '5661ce6a9ad6a379ae7491b08b7431cf625bbaa462eae77d3ee7c5b8a994c47b',
    );
  });

  it('v2 is current, with the same questions and scoring block as v1', () => {
    expect(catalog.current.id).toBe('cb-hpi-2026-v2');
    expect(v2?.scoring).toEqual(v1?.scoring);
    expect([...(v2?.questions.keys() ?? [])]).toEqual([...(v1?.questions.keys() ?? [])]);
    expect([...(v2?.questions.values() ?? [])].map((q) => q.choices)).toEqual(
      [...(v1?.questions.values() ?? [])].map((q) => q.choices),
    );
  });

  it('v2 addresses the resident as "Ông/Bà" in every Vietnamese text, and keeps English', () => {
    const texts: { vi: string; en: string }[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const { default: vi, en } = node as Record<string, unknown>;
        if (typeof vi === 'string' && typeof en === 'string') texts.push({ vi, en });
        else Object.values(node).forEach(walk);
      }
    };
    walk(v2?.survey);
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter(({ vi }) => /(^|[^\p{L}])bạn([^\p{L}]|$)/iu.test(vi))).toEqual([]);
    expect(texts.filter(({ vi }) => vi.includes('Ông/Bà')).length).toBeGreaterThanOrEqual(20);
    expect(texts.every(({ en }) => en.length > 0 && !en.includes('Ông/Bà'))).toBe(true);
  });

  it('the v2 intro explains "Không biết" and "Không áp dụng", each with an example', () => {
    const intro = JSON.stringify(v2?.survey).match(/"html":\{"default":"(.*?)","en":"(.*?)"\}/);
    const [, vi = '', en = ''] = intro ?? [];
    for (const [text, words] of [
      [vi, ['“Không biết”', '“Không áp dụng”']],
      [en, ["“Don't know”", '“Not applicable”']],
    ] as const) {
      const items = text.split('<li>').filter((part) => words.some((w) => part.includes(w)));
      expect(items).toHaveLength(2);
      for (const item of items) expect(item).toMatch(/Ví dụ|For example/);
    }
  });

  it('on the same publication day the higher id is current, whatever the file order', () => {
    const same = { ...realJson(), id: 'cb-hpi-2026-v9', published: '2026-01-01' };
    expect(
      readQuestionnaires(surveysFolder({ 'a.json': same, 'b.json': realJson() })).current.id,
    ).toBe('cb-hpi-2026-v9');
    expect(
      readQuestionnaires(surveysFolder({ 'a.json': realJson(), 'b.json': same })).current.id,
    ).toBe('cb-hpi-2026-v9');
  });
});
