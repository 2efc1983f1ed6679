import {
  In,
  type DataSource,
  type EntityManager,
  type EntityTarget,
  type FindOptionsOrder,
  type FindOptionsWhere,
  type SelectQueryBuilder,
} from 'typeorm';
import {
  CaseEntity,
  auditHash,
  auditKeyFrom,
  CaseEventEntity,
  EvaluationEntity,
  MaterialEntity,
  ScanEntity,
  type AuditRow,
  type HistoryRecordType,
  type StoredAuditRow,
} from '@app/db';
import { divisionPrefix, encryptedValuePrefix, queryCodeHashPrefix, type Holding } from '@app/common';
import { claimJoin } from './claims/claim-sql';
import type { CaseEventType, MaterialIn, MaterialStage, PersistedCaseSnapshot } from '@app/workflow';
import type { CaseScope } from './actor';
import { caseNotFound } from './case-errors';

/**
 * A case's applicant data as stored, each value encrypted (PiiCipher): ID and phone numbers, and
 * the JSON of the rest of the applicant, the agent and the mailing address (null when none).
 */
export interface StoredApplicantPii {
  /** The case (applications.id). */
  id: string;
  idNumber: string;
  phone: string;
  details: string | null;
  agent: string | null;
  mailingAddress: string | null;
}

/** SQL: a case row some of whose encrypted applicant values are under another key than `$1` (a LIKE pattern). */
const PII_UNDER_OTHER_KEYS = `(applicant_id_number NOT LIKE $1 OR applicant_phone NOT LIKE $1
   OR applicant_details NOT LIKE $1 OR agent NOT LIKE $1 OR mailing_address NOT LIKE $1)`;

/** A case row as stored, its personal data sealed (PiiCipher). */
export type CaseRecord = Readonly<CaseEntity>;

/** A new case as receiving makes it: its row but for what the database gives it. */
export type NewCase = Omit<CaseEntity, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

/** Where a case's history stands: what appending a row to it needs. */
export interface CaseHead {
  id: string;
  caseNumber: string;
  state: string;
  /** The stored snapshot, of whichever machine version wrote it (restoreSnapshot reads it). */
  snapshot: unknown;
  /** The number of rows of its history, so the seq of its last one. */
  version: number;
  /** The hash of its last history row; null before the first. */
  lastHash: string | null;
}

/**
 * A case as the event path loads it: its head, whether an event id was applied to it before, and
 * who holds it (issue 14: a claimed case's actions are its holder's).
 */
export interface LoadedCase extends CaseHead {
  /** True when the event id asked about was applied to this case before (a job delivered twice). */
  seen: boolean;
  /** The officer who holds the case and since when (`case_claims`); null when nobody does. */
  holding: Holding | null;
}

/** What a row of a case's history is: its receipt, an event of the machine, or a history record. */
export type HistoryEntryType = 'RECEIVE' | CaseEventType | HistoryRecordType;

/** One row to append to a case's history (case_events). */
export interface HistoryEntry {
  type: HistoryEntryType;
  /** The case's state after it; a history record leaves the case where it is. */
  toState: string;
  /** The machine's snapshot after it, when the entry moved the machine; absent for a history record. */
  snapshot?: PersistedCaseSnapshot;
  payload: Record<string, unknown>;
  actor: { role: string; id: string };
  /** A job's id: an entry with an id the case has seen is a duplicate (LoadedCase.seen). */
  eventId?: string | null;
  occurredAt: Date;
}

/** A row of a case's history as stored, with its hash. */
export type HistoryRow = StoredAuditRow;

/** A material handed in for a case. */
export type MaterialRecord = Readonly<Omit<MaterialEntity, 'id' | 'caseId'>>;

/** A scan uploaded for a case (the file itself lies in FileStorage under `storageKey`). */
export type ScanRecord = Readonly<ScanEntity>;

/** A case's service evaluation (好差评). */
export type EvaluationRecord = Readonly<EvaluationEntity>;

/**
 * SQL: case `alias` has reached its home jurisdiction (a forward transfer was delivered at least
 * once), or its papers travel to it in a sealed parcel, which its officers check in (issue 13).
 * Until then the case is the window's alone: the jurisdiction side sees it from arrival on
 * (DESIGN: the officer "sees forwarded cases arrive in an inbox").
 */
const arrived = (alias: string) =>
  `EXISTS (SELECT 1 FROM transfers st WHERE st.application_id = ${alias}.id AND st.direction = 'forward'
             AND (st.status = 'delivered' OR (st.status = 'in_transit' AND st.parcel_id IS NOT NULL)))`;

/**
 * The SQL condition that holds for the cases in `scope`, on the `applications` row aliased
 * `alias`, with named parameters (`:scope…`) for TypeORM's query builder. The one place where
 * scope becomes a query: reads, lists, statistics and commands all filter through it, so a case
 * out of scope is simply not found (404).
 */
export function scopeCondition(
  scope: CaseScope,
  alias: string,
): { sql: string; params: Record<string, string> } {
  switch (scope.kind) {
    case 'window':
      return { sql: `${alias}.window_code = :scopeWindow`, params: { scopeWindow: scope.windowCode } };
    case 'jurisdiction':
      return {
        sql: `(${alias}.jurisdiction_code = :scopeJurisdiction AND ${arrived(alias)})`,
        params: { scopeJurisdiction: scope.jurisdictionCode },
      };
    case 'division':
      return {
        sql: `(EXISTS (SELECT 1 FROM windows sw WHERE sw.code = ${alias}.window_code AND sw.division_code LIKE :scopeDivision)
            OR (EXISTS (SELECT 1 FROM jurisdictions sj WHERE sj.code = ${alias}.jurisdiction_code AND sj.division_code LIKE :scopeDivision)
                AND ${arrived(alias)}))`,
        params: { scopeDivision: `${divisionPrefix(scope.divisionCode)}%` },
      };
    case 'case':
      return { sql: `${alias}.id = :scopeCase`, params: { scopeCase: scope.caseId } };
    case 'all':
      return { sql: 'TRUE', params: {} };
  }
}

/** A query over the `applications` rows (alias `a`) that lie in `scope`; add filters with andWhere. */
export function casesInScope(m: EntityManager, scope: CaseScope): SelectQueryBuilder<CaseEntity> {
  const { sql, params } = scopeCondition(scope, 'a');
  return m.createQueryBuilder(CaseEntity, 'a').where(sql, params);
}

/**
 * All SQL of the case aggregate: `applications`, `case_events` (the case's hash-chained history,
 * each row signed here under AUDIT_KEY with audit-chain.ts), `materials`, `scans` and
 * `evaluations`. Rows come back as the records above; what they mean is the services' business.
 * Statements run through one manager: the data source's, or a transaction's (`within`). A scope
 * becomes a condition only through `scopeCondition` / `casesInScope` above.
 */
export class CaseRepository {
  constructor(
    private readonly m: EntityManager,
    /** AUDIT_KEY as bytes: signs the history rows appended. */
    private readonly auditKey: Buffer,
  ) {}

  /** The repository over `dataSource`, signing under `config.AUDIT_KEY` (the provider of CasesModule). */
  static over(dataSource: DataSource, config: { AUDIT_KEY: string }): CaseRepository {
    return new CaseRepository(dataSource.manager, auditKeyFrom(config.AUDIT_KEY));
  }

  /** The same repository inside the transaction of `m`. */
  within(m: EntityManager): CaseRepository {
    return new CaseRepository(m, this.auditKey);
  }

  /** The next value of the case-number sequence (`case_number_seq`). */
  async nextCaseSequence(): Promise<number> {
    const [{ n }] = await this.m.query<{ n: string }[]>(`SELECT nextval('case_number_seq')::text AS n`);
    return Number(n);
  }

  /**
   * Inserts a new case at version 0: its RECEIVE row, appended next in the same transaction, moves
   * it to version 1 (a case at version 0 is never seen outside that transaction).
   * @returns its head, and when it was created (the moment of receipt)
   */
  async insertCase(fields: NewCase): Promise<CaseHead & { createdAt: Date }> {
    const app = this.m.create(CaseEntity, { ...fields, version: 0 });
    await this.m.insert(CaseEntity, app);
    const { id, caseNumber, state, snapshot, createdAt } = app;
    return { id, caseNumber, state, snapshot, version: 0, lastHash: null, createdAt };
  }

  /**
   * Case `id`, when it lies in `scope`, with its last history hash, whether `eventId` was applied
   * to it before and who holds it: one statement (docs/PERFORMANCE.md P1). With `lock`, the case row is locked for
   * the transaction first, so appends to it wait for each other instead of failing as stale.
   * @returns null when unknown or out of scope (the caller answers 404 for both)
   */
  async loadCase(
    id: string,
    scope: CaseScope,
    options: { eventId?: string; lock?: boolean } = {},
  ): Promise<LoadedCase | null> {
    if (options.lock) {
      // A statement of its own: once a waited-for lock is granted, PostgreSQL re-reads the locked
      // row but not the subqueries, so locking in the read below could pair the case's new
      // version with its old last hash. The read, a later statement, sees what was committed.
      await this.m.query(`SELECT 1 FROM applications WHERE id = $1 FOR UPDATE`, [id]);
    }
    const inScope = scopeCondition(scope, 'a');
    const [sql, params] = this.m.connection.driver.escapeQueryWithParameters(
      `SELECT a.id, a.case_number, a.state, a.snapshot, a.version,
              (SELECT e.hash FROM case_events e WHERE e.application_id = a.id ORDER BY e.seq DESC LIMIT 1) AS last_hash,
              EXISTS (SELECT 1 FROM case_events e WHERE e.application_id = a.id AND e.event_id = :eventId) AS seen,
              claim.holder, claim.claimed_at
         FROM applications a ${claimJoin('a')} WHERE a.id = :id AND ${inScope.sql}`,
      { ...inScope.params, id, eventId: options.eventId ?? null },
      {},
    );
    const [row]: (Omit<LoadedCase, 'caseNumber' | 'lastHash' | 'holding'> & {
      case_number: string;
      last_hash: string | null;
      holder: string | null;
      claimed_at: Date | null;
    })[] = await this.m.query(sql, params);
    if (!row) return null;
    const { case_number, last_hash, holder, claimed_at, ...rest } = row;
    const holding = holder === null ? null : { holder, claimedAt: claimed_at as Date };
    return { ...rest, caseNumber: case_number, lastHash: last_hash, holding };
  }

  /**
   * Case `id` when it lies in `scope`.
   * @throws NotFound (404) unknown case or out of scope: the same answer, so nothing leaks
   */
  async getInScope(id: string, scope: CaseScope): Promise<CaseRecord> {
    const app = await casesInScope(this.m, scope).andWhere('a.id = :id', { id }).getOne();
    if (!app) throw caseNotFound();
    return app;
  }

  /** The id of the case numbered `caseNumber`, when it lies in `scope`; else null. */
  async idInScope(caseNumber: string, scope: CaseScope): Promise<string | null> {
    const found = await casesInScope(this.m, scope)
      .andWhere('a.case_number = :cn', { cn: caseNumber })
      .select('a.id', 'id')
      .getRawOne<{ id: string }>();
    return found?.id ?? null;
  }

  /** The case numbered `caseNumber`, whoever asks (the receipt decides); with `lock`, locked for the transaction. */
  findByNumber(caseNumber: string, lock = false): Promise<CaseRecord | null> {
    return this.m.findOne(CaseEntity, {
      where: { caseNumber },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** Replaces case `id`'s query-code hash with `next`, if it is still `previous`. */
  async rehashQueryCode(id: string, previous: string, next: string): Promise<void> {
    await this.m.update(CaseEntity, { id, queryCodeHash: previous }, { queryCodeHash: next });
  }

  /** Up to `limit` cases whose id follows `after`, in id order: every case, page by page. */
  casesAfter(after: string, limit: number): Promise<CaseRecord[]> {
    return this.m
      .createQueryBuilder(CaseEntity, 'a')
      .where('a.id > :after', { after })
      .orderBy('a.id', 'ASC')
      .take(limit)
      .getMany();
  }

  /** Case `id`'s version and state as committed now (what a stale command is told). */
  async headOf(id: string): Promise<{ version: number; state: string }> {
    const { version, state } = await this.m.findOneByOrFail(CaseEntity, { id });
    return { version, state };
  }

  /**
   * Appends `entry` to the history of case `head` and moves the case to its next version in ONE
   * statement: `WITH moved AS (UPDATE applications … WHERE id = … AND version = …) INSERT INTO
   * case_events … FROM moved`, so the row is written only when the case is still at
   * `head.version`. The row gets seq `head.version + 1`, is chained to `head.lastHash` and signed
   * (auditHash under AUDIT_KEY); the case gets `entry.toState` and, when the entry moved the
   * machine, its snapshot and a new `updated_at` (a history record leaves both).
   * @returns the new row's hash; null when the case is no longer at `head.version`
   */
  async append(head: CaseHead, entry: HistoryEntry): Promise<string | null> {
    const row: AuditRow = {
      applicationId: head.id,
      seq: head.version + 1,
      eventId: entry.eventId ?? null,
      type: entry.type,
      // A case at version 0 has no history yet: its first row comes from no state.
      fromState: head.version === 0 ? null : head.state,
      toState: entry.toState,
      actorRole: entry.actor.role,
      actorId: entry.actor.id,
      payload: entry.payload,
      occurredAt: entry.occurredAt,
      prevHash: head.lastHash,
    };
    const hash = auditHash(row, this.auditKey);
    const inserted: unknown[] = await this.m.query(
      `WITH moved AS (
         UPDATE applications SET state = $3, snapshot = coalesce($4::jsonb, snapshot), version = version + 1,
                updated_at = CASE WHEN $4::jsonb IS NULL THEN updated_at ELSE now() END
          WHERE id = $1 AND version = $2 RETURNING id)
       INSERT INTO case_events (application_id, seq, event_id, type, from_state, to_state, actor_role, actor_id,
                                payload, occurred_at, prev_hash, hash, hash_scheme)
       SELECT moved.id, $5, $6, $7, $8, $3, $9, $10, $11, $12, $13, $14, 'hmac-sha256' FROM moved RETURNING id`,
      [
        head.id,
        head.version,
        row.toState,
        entry.snapshot ?? null,
        row.seq,
        row.eventId,
        row.type,
        row.fromState,
        row.actorRole,
        row.actorId,
        row.payload,
        row.occurredAt,
        row.prevHash,
        hash,
      ],
    );
    return inserted.length === 1 ? hash : null;
  }

  /**
   * The history of the cases `ids`, by case and oldest first, as signed: the row's case is
   * `applicationId`, the field name every stored hash covers.
   */
  async history(ids: string[]): Promise<HistoryRow[]> {
    if (ids.length === 0) return [];
    return this.m.find(CaseEventEntity, {
      where: { applicationId: In(ids) },
      order: { applicationId: 'ASC', seq: 'ASC' },
    });
  }

  /**
   * Stores the materials handed in for case `caseId` at `stage`; a copy the clerk checked against
   * its original (`checkedAgainstOriginal`, 原件核验) records `checked.by` (the clerk's account) and
   * `checked.at` (the event's server time).
   */
  async storeMaterials(
    caseId: string,
    materials: MaterialIn[],
    stage: MaterialStage,
    checked: { by: string; at: Date },
  ): Promise<void> {
    if (materials.length === 0) return;
    await this.m.insert(
      MaterialEntity,
      materials.map((x) => {
        const attested = x.checkedAgainstOriginal === true && x.form === 'copy';
        return {
          caseId,
          name: x.name,
          form: x.form,
          pages: x.pages ?? null,
          stage,
          originalCheckedBy: attested ? checked.by : null,
          originalCheckedAt: attested ? checked.at : null,
        };
      }),
    );
  }

  /**
   * The 原件核验 of the material `name` of case `id` as last handed in: who checked it against its
   * original and when; nulls when its latest form was not so checked (or there is no such material).
   */
  async originalCheckOf(
    id: string,
    name: string,
  ): Promise<{ originalCheckedBy: string | null; originalCheckedAt: Date | null }> {
    const latest = await this.m.findOne(MaterialEntity, {
      where: { caseId: id, name },
      order: { receivedAt: 'DESC', id: 'ASC' },
      select: { originalCheckedBy: true, originalCheckedAt: true },
    });
    return {
      originalCheckedBy: latest?.originalCheckedBy ?? null,
      originalCheckedAt: latest?.originalCheckedAt ?? null,
    };
  }

  /** The materials handed in for case `id`, in the order they were. */
  materialsOf(id: string): Promise<MaterialRecord[]> {
    return this.m.find(MaterialEntity, {
      where: { caseId: id },
      order: { receivedAt: 'ASC' },
      select: {
        name: true,
        form: true,
        pages: true,
        stage: true,
        receivedAt: true,
        originalCheckedBy: true,
        originalCheckedAt: true,
      },
    });
  }

  /** True when a material called `name` was handed in for case `id`. */
  hasMaterial(id: string, name: string): Promise<boolean> {
    return this.m.existsBy(MaterialEntity, { caseId: id, name });
  }

  /** Each material name of case `id` with when it was last handed in, in the order first handed in. */
  materialArrivals(id: string): Promise<{ name: string; latest: Date }[]> {
    return this.m
      .createQueryBuilder(MaterialEntity, 'x')
      .select('x.name', 'name')
      .addSelect('min(x.received_at)', 'first')
      .addSelect('max(x.received_at)', 'latest')
      .where('x.application_id = :id', { id })
      .groupBy('x.name')
      .orderBy('first')
      .getRawMany<{ name: string; latest: Date }>();
  }

  /** The scans of the cases `ids`, in upload order. */
  scansOf(ids: string[]): Promise<ScanRecord[]> {
    return this.rowsOf(ScanEntity, ids, { uploadedAt: 'ASC', id: 'ASC' });
  }

  /**
   * Stores `scan` unless its case has a scan with the same SHA-256 already.
   * @returns the case's scan of those bytes, and whether it was added now
   */
  async addScan(scan: Omit<ScanEntity, 'id' | 'uploadedAt'>): Promise<{ scan: ScanRecord; added: boolean }> {
    const { raw } = await this.m
      .createQueryBuilder()
      .insert()
      .into(ScanEntity)
      .values(scan)
      .orIgnore()
      .returning('id')
      .execute();
    const kept = await this.m.findOneByOrFail(ScanEntity, {
      caseId: scan.caseId,
      sha256: scan.sha256,
    });
    return { scan: kept, added: (raw as unknown[]).length === 1 };
  }

  /** True when a scan of some case is kept under `storageKey`. */
  hasScanAt(storageKey: string): Promise<boolean> {
    return this.m.existsBy(ScanEntity, { storageKey });
  }

  /** The evaluations of the cases `ids`. */
  evaluationsOf(ids: string[]): Promise<EvaluationRecord[]> {
    return this.rowsOf(EvaluationEntity, ids, {});
  }

  /** The rows of `entity` that belong to the cases `ids`, in `order`. */
  private rowsOf<T extends { caseId: string }>(
    entity: EntityTarget<T>,
    ids: string[],
    order: FindOptionsOrder<T>,
  ): Promise<T[]> {
    const where = { caseId: In(ids) } as FindOptionsWhere<T>;
    return ids.length === 0 ? Promise.resolve([]) : this.m.find(entity, { where, order });
  }

  /** Stores the evaluation of case `caseId`, each side's grade (one per case: the primary key). */
  async addEvaluation(
    caseId: string,
    grades: { window: string; jurisdiction: string },
    comment: string | null,
  ): Promise<EvaluationRecord> {
    const row = this.m.create(EvaluationEntity, {
      caseId,
      windowGrade: grades.window,
      jurisdictionGrade: grades.jurisdiction,
      comment,
    });
    await this.m.insert(EvaluationEntity, row);
    return row;
  }

  /**
   * For a PII key rotation: up to `limit` cases with an applicant value (ID or phone number, the
   * rest of the applicant, the agent, the mailing address) encrypted under another key than
   * `keyId`, in id order, their rows locked until the caller's transaction ends.
   */
  async lockApplicantPiiUnderOtherKeys(keyId: string, limit: number): Promise<StoredApplicantPii[]> {
    const rows: {
      id: string;
      applicant_id_number: string;
      applicant_phone: string;
      applicant_details: string | null;
      agent: string | null;
      mailing_address: string | null;
    }[] = await this.m.query(
      `SELECT id, applicant_id_number, applicant_phone, applicant_details, agent, mailing_address
         FROM applications WHERE ${PII_UNDER_OTHER_KEYS}
        ORDER BY id LIMIT $2 FOR UPDATE`,
      [`${encryptedValuePrefix(keyId)}%`, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      idNumber: r.applicant_id_number,
      phone: r.applicant_phone,
      details: r.applicant_details,
      agent: r.agent,
      mailingAddress: r.mailing_address,
    }));
  }

  /**
   * Stores case `pii.id`'s applicant values as encrypted anew, with the ID number's lookup hash
   * (PiiCipher.idNumberLookup) under the new key (a rotation; no history row: the values are the same).
   */
  async rewriteApplicantPii(pii: StoredApplicantPii & { idLookup: string }): Promise<void> {
    await this.m.query(
      `UPDATE applications SET applicant_id_number = $2, applicant_phone = $3, applicant_details = $4,
              agent = $5, mailing_address = $6, applicant_id_lookup = $7
        WHERE id = $1`,
      [pii.id, pii.idNumber, pii.phone, pii.details, pii.agent, pii.mailingAddress, pii.idLookup],
    );
  }

  /** How many cases have an applicant value encrypted under another key than `keyId`. */
  async countApplicantPiiUnderOtherKeys(keyId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await this.m.query(
      `SELECT count(*)::int AS n FROM applications WHERE ${PII_UNDER_OTHER_KEYS}`,
      [`${encryptedValuePrefix(keyId)}%`],
    );
    return n;
  }

  /** How many query codes are hashed under each key other than `keyId`, by key id (in order). */
  async queryCodesUnderOtherKeys(keyId: string): Promise<Record<string, number>> {
    const rows: { key_id: string; n: number }[] = await this.m.query(
      `SELECT split_part(query_code_hash, ':', 1) AS key_id, count(*)::int AS n FROM applications
        WHERE query_code_hash NOT LIKE $1 GROUP BY 1 ORDER BY 1`,
      [`${queryCodeHashPrefix(keyId)}%`],
    );
    return Object.fromEntries(rows.map((r) => [r.key_id, r.n]));
  }
}
