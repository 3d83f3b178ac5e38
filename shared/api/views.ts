import type { Entry } from '../domain/types.js';

/** Shapes of the headquarters views' data, shared by the services and the renderer. */

export interface OfficeContribution {
  officeId: string;
  name: string;
  region: string;
  revokedAt: string | null;
  /** Null for an office that has sent nothing accepted yet. */
  revision: number | null;
  signedAt: string | null;
  importedAt: string | null;
}

export interface DrilldownOffice extends OfficeContribution {
  /** The office's rows for the outcome (one, or one per member State); empty if it sent none. */
  entries: Entry[];
}

export interface Justification {
  outcome: string;
  region: string;
  officeId: string;
  country: string | null;
  demand: number | null;
  target: number | null;
  justification: string;
}

export interface CompletenessCell {
  /** Rows the office sent for the outcome (0 when it sent none). */
  rows: number;
  demandMissing: number;
  targetMissing: number;
}

export interface Completeness {
  offices: OfficeContribution[];
  /** outcome code → office id → what is missing; offices with no accepted bundle are absent. */
  matrix: Record<string, Record<string, CompletenessCell>>;
}

/** The printed reports: an office's summary, Table 1, and who has submitted what. */
export type ReportKind = 'summary' | 'table' | 'status';
