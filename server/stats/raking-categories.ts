/**
 * The category structure a commune is raked on: METHOD.md section 8, "Empty categories" and
 * "Totals". Pure functions, no I/O.
 *
 * Raking needs every category it adjusts to have both people (population > 0) and placed
 * respondents: a category with people and no respondent has nobody to carry its weight, and a
 * category with respondents and no people would need weights of 0, which raking (a product of
 * positive factors) never reaches. So categories are merged or dropped first, and the raking
 * and its standard error are then computed on the merged structure.
 *
 * METHOD.md names the first case (an empty category) and says nothing of the second, nor of
 * margins that no positive weights can meet; both are settled here in the same spirit (merge
 * like an empty category; drop the sex margin) and written down in surveys/METHOD.md after
 * the worked example. tests/fixtures/raking/generate.R implements the same rules again in R.
 */

export const sexCategories = ['female', 'male'] as const;
export const ageBands = ['18-29', '30-44', '45-59', '60+'] as const;
export type SexCategory = (typeof sexCategories)[number];
export type AgeBand = (typeof ageBands)[number];

/** A commune's population per category; a missing category means population 0. */
export type PopulationMargins = {
  sex: Partial<Record<SexCategory, number>>;
  ageBand: Partial<Record<AgeBand, number>>;
};

/** A category of the merged structure: the original categories it covers and its target. */
export interface RakingCategory<C extends string> {
  /** The original categories merged into this one, youngest age band first. */
  members: C[];
  /** Its population; for age groups, already scaled to the sex total. */
  population: number;
}

/** The merged margins a commune is raked on; a dropped margin is `null`. */
export interface RakingStructure {
  sex: RakingCategory<SexCategory>[] | null;
  ageBand: RakingCategory<AgeBand>[] | null;
  /** The population the weights sum to: the sex total (the age total if no sex margin is given). */
  total: number;
  /**
   * Why the sex margin was dropped, if it was: `empty` (a sex has people but no respondent, or
   * respondents but no people), `one-category` (only one sex has people and respondents) or
   * `infeasible` (no positive weights meet both margins: see `isRakingFeasible`).
   */
  sexDropped: 'empty' | 'one-category' | 'infeasible' | null;
}

/** Placed respondents per original cell, indexed [sex][age band] in the order of the lists. */
export type CellCounts = readonly (readonly number[])[];

function hasPeopleAndRespondents(population: number, respondents: number): boolean {
  return population > 0 && respondents > 0;
}

/**
 * The sex margin after the empty-category rule: both sexes, or `null` with the reason.
 * A sex with neither people nor respondents is left out (which leaves one category, so the
 * margin is dropped all the same).
 */
function mergeSexMargin(
  populations: readonly number[],
  respondents: readonly number[],
): { categories: RakingCategory<SexCategory>[] | null; dropped: RakingStructure['sexDropped'] } {
  const kept: RakingCategory<SexCategory>[] = [];
  for (const [index, sex] of sexCategories.entries()) {
    const population = populations[index] ?? 0;
    const count = respondents[index] ?? 0;
    if (population === 0 && count === 0) continue;
    if (!hasPeopleAndRespondents(population, count)) return { categories: null, dropped: 'empty' };
    kept.push({ members: [sex], population });
  }
  if (kept.length < 2) return { categories: null, dropped: 'one-category' };
  return { categories: kept, dropped: null };
}

/**
 * The age groups after the empty-category rule, youngest first, or `null` when fewer than two
 * remain. Walking from the youngest band, a band without people or without respondents is
 * merged with the next older one until the group has both; a last group still lacking them
 * (the oldest bands) joins the next younger group. That is METHOD's rule ("the next older
 * band; the oldest band: the next younger ... until every category has a response") applied
 * one band at a time from the youngest. Bands with neither people nor respondents are thereby
 * left out: merging them adds nothing.
 *
 * @example
 * // Respondents in 18-29 and 60+ only, every band populated:
 * // 30-44 merges with 45-59, still empty, then with 60+: groups [18-29], [30-44, 45-59, 60+].
 */
function mergeAgeMargin(
  populations: readonly number[],
  respondents: readonly number[],
): RakingCategory<AgeBand>[] | null {
  const groups: { members: AgeBand[]; population: number; respondents: number }[] = [];
  let open: { members: AgeBand[]; population: number; respondents: number } | null = null;
  for (const [index, band] of ageBands.entries()) {
    open ??= { members: [], population: 0, respondents: 0 };
    open.members.push(band);
    open.population += populations[index] ?? 0;
    open.respondents += respondents[index] ?? 0;
    if (hasPeopleAndRespondents(open.population, open.respondents)) {
      groups.push(open);
      open = null;
    }
  }
  const last = groups.at(-1);
  if (open !== null && last !== undefined) {
    last.members.push(...open.members);
    last.population += open.population;
    last.respondents += open.respondents;
  }
  if (groups.length < 2) return null;
  return groups.map(({ members, population }) => ({ members, population }));
}

/**
 * Whether positive weights can meet both margins at once. With two sexes, each age group has
 * respondents of one sex or of both; the respondents of a sex alone must carry every group
 * where only that sex answered, so those groups' people must be fewer than that sex's people
 * (strictly: the groups where both answered need some weight from each sex). When this fails
 * (always so when no group has both sexes) iterative proportional fitting never converges and
 * R's `calibrate` reports failure; the sex margin is then dropped and the commune raked to its
 * age groups alone. METHOD.md section 8 is silent on this case: this is the smallest step of
 * the same kind as its empty-category rule.
 */
export function isRakingFeasible(
  sex: readonly RakingCategory<SexCategory>[],
  ageGroups: readonly RakingCategory<AgeBand>[],
  counts: CellCounts,
): boolean {
  const onlyThisSex = sex.map(() => 0);
  for (const group of ageGroups) {
    const bands = group.members.map((band) => ageBands.indexOf(band));
    let presentCount = 0;
    let present = -1;
    for (const [index, category] of sex.entries()) {
      const answered = category.members.some((member) => {
        const row = counts[sexCategories.indexOf(member)];
        return bands.some((band) => (row?.[band] ?? 0) > 0);
      });
      if (answered) {
        presentCount += 1;
        present = index;
      }
    }
    if (presentCount === 1) onlyThisSex[present] = (onlyThisSex[present] ?? 0) + group.population;
  }
  return sex.every((category, index) => (onlyThisSex[index] ?? 0) < category.population);
}

/**
 * The merged structure of METHOD.md section 8 for one measure's placed respondents, or `null`
 * when both margins are dropped (the commune is then unweighted).
 *
 * Order of steps: the empty-category merges use the populations as given; the age groups are
 * then scaled so that their total equals the sex total (METHOD: "before raking"; scaling does
 * not change which categories are empty); the feasibility check uses the scaled populations.
 */
export function rakingStructure(
  counts: CellCounts,
  margins: PopulationMargins,
): RakingStructure | null {
  const sexPopulations = sexCategories.map((sex) => margins.sex[sex] ?? 0);
  const agePopulations = ageBands.map((band) => margins.ageBand[band] ?? 0);
  const sexRespondents = sexCategories.map((_, s) =>
    ageBands.reduce((sum, _band, a) => sum + (counts[s]?.[a] ?? 0), 0),
  );
  const ageRespondents = ageBands.map((_, a) =>
    sexCategories.reduce((sum, _sex, s) => sum + (counts[s]?.[a] ?? 0), 0),
  );
  const sexTotal = sexPopulations.reduce((sum, population) => sum + population, 0);
  const ageTotal = agePopulations.reduce((sum, population) => sum + population, 0);
  const total = sexTotal > 0 ? sexTotal : ageTotal;

  const sexMerge = mergeSexMargin(sexPopulations, sexRespondents);
  const merged = mergeAgeMargin(agePopulations, ageRespondents);
  const ageGroups =
    merged?.map((group) => ({ ...group, population: (group.population * total) / ageTotal })) ??
    null;

  let sex = sexMerge.categories;
  let sexDropped = sexMerge.dropped;
  if (sex !== null && ageGroups !== null && !isRakingFeasible(sex, ageGroups, counts)) {
    sex = null;
    sexDropped = 'infeasible';
  }
  if (sex === null && ageGroups === null) return null;
  return { sex, ageBand: ageGroups, total, sexDropped };
}
