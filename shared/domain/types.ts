/**
 * Domain types shared by the main process, the CLI and the renderer.
 *
 * A cycle's regions, outcomes and rules are data loaded from `seeds/`, so nothing here
 * names a particular outcome or region.
 */

/** A whole number ≥ 0, or `null` when no value has been entered. `null` is never read as 0. */
export type Amount = number | null;

export interface Region {
  /** Stable code such as `africa`; used in CSV column names (`africa_demand`). */
  code: string;
  name: string;
  /** Column order in the published table, starting at 0. */
  position: number;
}

export interface Objective {
  code: string;
  name: string;
  position: number;
}

export interface Outcome {
  /** Two-digit code such as `01`; also the grid row id. */
  code: string;
  title: string;
  objectiveCode: string;
  position: number;
  /**
   * False where demand and target measure different things, so a target above demand
   * needs no justification (for example targets that reflect advocacy).
   */
  comparable: boolean;
  /** Reason demand and target are not comparable; null when they are. */
  comparabilityNote: string | null;
}

export interface Cycle {
  /** Biennium code such as `2012-13`. */
  code: string;
  label: string;
  regions: Region[];
  objectives: Objective[];
  outcomes: Outcome[];
}

/**
 * One office's figures for one outcome, either for its whole area (`country` null) or for one
 * member State (`country` an ISO 3166-1 alpha-3 code).
 */
export interface Entry {
  outcome: string;
  country: string | null;
  demand: Amount;
  target: Amount;
  /** Empty string when there is none. */
  justification: string;
}

export type Role = 'office' | 'hq';
